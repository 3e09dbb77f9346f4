namespace PredLlm.Synth.Worker.Storage;

/// <summary>A lease the caller believed it held has expired and been taken, or been broken.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException(string message) : base(message) { }

    public LeaseLostException(string message, Exception innerException) : base(message, innerException) { }

    public LeaseLostException() { }
}
