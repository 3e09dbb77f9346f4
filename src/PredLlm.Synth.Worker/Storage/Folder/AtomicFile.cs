namespace PredLlm.Synth.Worker.Storage.Folder;

/// <summary>
/// File operations that never leave a half-written file under its final name: content goes to a hidden
/// temporary file beside the target first, and only a complete file gets the final name.
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Creates <paramref name="path"/> with its whole content only if no file has that name: the content is
    /// written under a temporary name, then hard-linked to the final name, which fails if the name is taken.
    /// Readers never see a partial file, and of several writers exactly one succeeds.
    /// </summary>
    public static async Task<bool> TryCreateAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            return false;
        }

        var temporary = TemporaryPathBeside(path);
        try
        {
            await WriteAsync(temporary, write, cancellationToken).ConfigureAwait(false);
            return HardLink.TryCreate(temporary, path);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Replaces the content of <paramref name="path"/> in one step (rename is atomic within a file system).</summary>
    public static async Task ReplaceAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var temporary = TemporaryPathBeside(path);
        try
        {
            await WriteAsync(temporary, write, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await write(stream, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
    }

    public static Func<Stream, CancellationToken, Task> Bytes(BinaryData content) =>
        (stream, cancellationToken) => stream.WriteAsync(content.ToMemory(), cancellationToken).AsTask();

    public static Func<Stream, CancellationToken, Task> CopyOf(string sourcePath) =>
        async (stream, cancellationToken) =>
        {
            var source = File.OpenRead(sourcePath);
            await using (source.ConfigureAwait(false))
            {
                await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        };

    /// <summary>Hidden (dot) names are skipped by listings, so temporary files never look like inputs.</summary>
    public static string TemporaryPathBeside(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
}
