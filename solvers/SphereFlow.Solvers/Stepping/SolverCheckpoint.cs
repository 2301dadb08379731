namespace SphereFlow.Solvers.Stepping;

/// <summary>
/// The bit-exact state of a solver in one stream: its kind (<see cref="ISolver.Kind"/>, one string), its
/// <see cref="SolverClock"/>, then its own state (<see cref="ISolver.WriteState"/>). A state resumes only into a solver of
/// the same kind.
/// </summary>
public static class SolverCheckpoint
{
    /// <summary>Writes the state of <paramref name="solver"/>.</summary>
    public static void Write(BinaryWriter writer, ISolver solver)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(solver);
        writer.Write(solver.Kind);
        solver.Clock.Write(writer);
        solver.WriteState(writer);
    }

    /// <summary>Restores a state written by <see cref="Write"/> into <paramref name="solver"/>; <see cref="InvalidDataException"/> when it is of another kind or malformed.</summary>
    public static void Read(BinaryReader reader, ISolver solver)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(solver);
        string kind = reader.ReadString();
        if (kind != solver.Kind) throw new InvalidDataException($"checkpoint is of a {kind} run, the case is {solver.Kind}");
        solver.Clock.Read(reader);
        solver.ReadState(reader);
    }
}
