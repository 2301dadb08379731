namespace SphereFlow.Tests.TestSupport;

/// <summary>
/// The small case the command-line tests run: a k = 2 ReLU teacher of 3 neurons on a 90-point quadrature, WFR (4, 1),
/// uniform particles, RK4 with Δt = 0.05. A run of a few dozen particles takes well under a second.
/// </summary>
internal static class SmallTeacherCase
{
    /// <summary>The case's <c>data:</c> line, for tests that replace the data source.</summary>
    public const string DataLine = "data: { kind: teacher, k: 2, m0: 3, seed: 4, sampling: quadrature, n: 90 }";

    /// <summary>The case with <paramref name="m"/> particles, end time <paramref name="tEnd"/> and the flow mapping <paramref name="output"/>.</summary>
    public static string Yaml(int m, string tEnd, string output) => $$"""
        problem:
          features: relu
          loss: square
          lambda: 0.001
          {{DataLine}}
        flow: { kind: wfr, alpha: 4, beta: 1 }
        solver:
          kind: particles
          m: {{m}}
          init: { kind: uniform, mass: 1, seed: 3 }
          stepper: rk4
          dt: 0.05
          t_end: {{tEnd}}
        output: {{output}}
        """;

    /// <summary>Writes <paramref name="text"/> as <paramref name="name"/> in <paramref name="dir"/> and returns its path.</summary>
    public static string Write(string dir, string text, string name = "case.yaml")
    {
        string p = Path.Combine(dir, name);
        File.WriteAllText(p, text);
        return p;
    }
}
