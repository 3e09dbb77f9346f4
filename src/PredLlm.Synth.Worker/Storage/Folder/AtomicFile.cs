namespace PredLlm.Synth.Worker.Storage.Folder;

/// <summary>
/// File operations that never leave a half-written file under its final name: content goes to a hidden
/// temporary file beside the target first and is renamed over it (rename is atomic within a file system).
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Creates <paramref name="path"/> only if it does not exist. <see cref="FileMode.CreateNew"/> (O_EXCL)
    /// decides atomically which of several writers gets the name; the winner then renames its complete
    /// content over the placeholder, so readers see either an empty file or the whole content.
    /// </summary>
    public static async Task<bool> TryCreateAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None).DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }

        try
        {
            await ReplaceAsync(path, write, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch
        {
            // Free the name again: a placeholder left behind would make the name look taken forever.
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Replaces the content of <paramref name="path"/> in one step.</summary>
    public static async Task ReplaceAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var temporary = TemporaryPathBeside(path);
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
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
