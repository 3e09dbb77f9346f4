using System.Runtime.InteropServices;

namespace PredLlm.Synth.Worker.Storage.Folder;

/// <summary>
/// Gives a complete file a second name only if that name is free, in one atomic step: link(2) fails
/// with EEXIST instead of replacing. .NET's File.Move(overwrite: false) checks first and renames after,
/// which lets two writers both "create" the same name.
/// </summary>
internal static partial class HardLink
{
    private const int AlreadyExists = 17; // EEXIST on Linux and macOS

    /// <returns>False when <paramref name="newName"/> already exists.</returns>
    public static bool TryCreate(string existing, string newName)
    {
        if (OperatingSystem.IsWindows())
        {
            // MoveFileEx without MOVEFILE_REPLACE_EXISTING is atomic there.
            try
            {
                File.Move(existing, newName, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(newName))
            {
                return false;
            }
        }

        if (Link(existing, newName) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == AlreadyExists
            ? false
            : throw new IOException($"Could not create '{newName}': link(2) failed with errno {error} (the folder store needs a file system with hard links).");
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string existing, string newName);
}
