namespace PredLlm.Synth.Text;

/// <summary>
/// A row in text or token form does not follow the row grammar. <see cref="Position"/> is the character
/// offset (text form) or the token index (token form) where reading stopped. The message describes the
/// problem and never quotes the row's content, so it is safe to log.
/// </summary>
public sealed class MalformedRowException : FormatException
{
    public MalformedRowException(string message, int position) : base(message) => Position = position;

    public MalformedRowException() { }

    public MalformedRowException(string message) : base(message) { }

    public MalformedRowException(string message, Exception innerException) : base(message, innerException) { }

    public int Position { get; } = -1;
}
