using System.Globalization;
using System.Text;

namespace SphereFlow.IO;

/// <summary>
/// An exclusive lock on an output folder, held while a command writes there: the file <c>.sphereflow.lock</c> opened with
/// <see cref="FileShare.None"/> (on Linux and macOS an advisory <c>flock</c>, released by the kernel if the process dies,
/// so a crash never leaves a stale lock) and deleted on release. It holds the owner's process id (for a person looking).
/// </summary>
public sealed class FolderLock : IDisposable
{
    /// <summary>The lock file's name.</summary>
    public const string FileName = ".sphereflow.lock";

    private readonly FileStream _stream;
    private readonly string _directory;

    private FolderLock(FileStream stream, string directory, string path) { _stream = stream; _directory = directory; Path = path; }

    /// <summary>Remove the folder on release when it is empty then (it was created for a command that wrote nothing).</summary>
    public bool RemoveFolderIfEmpty { get; set; }

    /// <summary>The lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock of <paramref name="directory"/> (which must exist), or throws an <see cref="InputException"/> naming the folder and the holder.</summary>
    public static FolderLock Acquire(string directory)
    {
        string path = System.IO.Path.Combine(directory, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw new InputException($"{directory}: another sphereflow command is writing to this folder (it holds {FileName}); wait for it or choose another --out", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException($"{directory}: cannot write to the output folder ({e.Message})", e);
        }
        try
        {
            var bytes = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.SetLength(0);
            stream.Write(bytes);
            stream.Flush();
        }
        catch (IOException e)
        {
            stream.Dispose();
            throw new InputException($"{directory}: cannot write to the output folder ({e.Message})", e);
        }
        return new FolderLock(stream, directory, path);
    }

    /// <summary>Releases the lock and deletes the lock file (and the folder, see <see cref="RemoveFolderIfEmpty"/>).</summary>
    public void Dispose()
    {
        _stream.Dispose();
        if (!RemoveFolderIfEmpty) return;
        try
        {
            if (Directory.Exists(_directory) && !Directory.EnumerateFileSystemEntries(_directory).Any()) Directory.Delete(_directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* another process wrote there: keep it */ }
    }
}
