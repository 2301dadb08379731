namespace SphereFlow.Validation.Suite;

/// <summary>One pass/fail statement of a validation case, with the number it was decided on.</summary>
/// <param name="Name">What is checked.</param>
/// <param name="Measured">The measured value, formatted.</param>
/// <param name="Criterion">The acceptance criterion, formatted.</param>
/// <param name="Passed">Whether the measured value meets the criterion.</param>
public sealed record ValidationCheck(string Name, string Measured, string Criterion, bool Passed);

/// <summary>What one validation case reports: a markdown section (tables, plots, observations) and its checks.</summary>
/// <param name="Name">Registry name of the case (its output sub-folder).</param>
/// <param name="Title">Section title.</param>
/// <param name="Markdown">Section body; relative links point into the case's sub-folder.</param>
/// <param name="Checks">Pass/fail statements.</param>
/// <param name="WallSeconds">Wall time of the case.</param>
public sealed record ValidationSection(string Name, string Title, string Markdown, IReadOnlyList<ValidationCheck> Checks, double WallSeconds);
