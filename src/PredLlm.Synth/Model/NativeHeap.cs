using System.Runtime.InteropServices;

namespace PredLlm.Synth.Model;

/// <summary>
/// Tunes glibc's malloc, which libtorch allocates every CPU tensor from, for incremental decoding. A decode step
/// makes and frees tensors of a few hundred kilobytes to a few megabytes. With glibc's defaults the free space
/// they leave at the top of the heap is handed back to the kernel when the step's tensors are freed, and the next
/// step faults it in again a page at a time: on adult, about 150 page faults per generated row and a seventh of
/// the generation time. Keeping up to <see cref="KeptFreeBytes"/> free at the heap top, and serving blocks under
/// <see cref="MappedBlockBytes"/> from the heap rather than from fresh mappings, stops that churn for the cost of
/// that much resident memory. The setting is process-wide; where malloc is not glibc's it is left alone.
/// </summary>
internal static class NativeHeap
{
    /// <summary>Free bytes the heap top may keep before glibc returns them to the kernel.</summary>
    private const int KeptFreeBytes = 32 << 20;

    /// <summary>Blocks of at least this size get a mapping of their own (the key/value cache buffers).</summary>
    private const int MappedBlockBytes = 8 << 20;

    // mallopt(3) parameter numbers.
    private const int TrimThreshold = -1;
    private const int MmapThreshold = -3;

    private static readonly Lazy<bool> Tuned = new(Tune);

    /// <summary>Applies the setting, once per process.</summary>
    public static void KeepFreedMemoryForReuse() => _ = Tuned.Value;

    private static bool Tune()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            return MallocOption(MmapThreshold, MappedBlockBytes) == 1 && MallocOption(TrimThreshold, KeptFreeBytes) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallocOption(int parameter, int value);
}
