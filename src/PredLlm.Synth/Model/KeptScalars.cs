using TorchSharp;
using static TorchSharp.torch;

namespace PredLlm.Synth.Model;

/// <summary>
/// Torch scalars that are never finalised while a native call reads them.
/// <para>
/// Where TorchSharp wants a <see cref="Scalar"/> and gets a number (the alpha of every tensor <c>+</c>, the
/// bounds of <c>arange</c>, the value of <c>fill_</c>), it makes a native scalar whose managed owner is garbage
/// as soon as its handle is read. When another thread's allocations start a collection during the native call,
/// the finaliser thread can free the scalar while the call still reads it. Generation decodes batches on several
/// threads, and the 20-table benchmark died of it twice ("Unknown scalar type"; "Expected false to be true" from
/// <c>Scalar::toFloat</c> in the embedding sum of a prefill). Scalars held here are reachable for the life of
/// the process, so the code that runs on generation threads passes these instead of numbers.
/// </summary>
internal static class KeptScalars
{
    public static readonly Scalar One = 1;

    public static readonly Scalar True = true;

    /// <summary><paramref name="left"/> + <paramref name="right"/>, with an alpha that stays alive.</summary>
    public static Tensor Plus(this Tensor left, Tensor right) => left.add(right, One);

    /// <summary>
    /// The int64 integers <paramref name="start"/> .. <paramref name="stop"/> - 1; the bound that varies is a
    /// scalar kept alive until the call has returned.
    /// </summary>
    public static Tensor Range(long start, long stop, Device device)
    {
        using Scalar first = start;
        using Scalar end = stop;
        return arange(first, end, One, dtype: ScalarType.Int64, device: device);
    }
}
