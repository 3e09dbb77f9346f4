namespace PredLlm.Synth.Worker.Storage;

/// <summary>The version asked for no longer exists: the object was deleted or replaced by a newer upload.</summary>
public sealed class ObjectVersionGoneException : Exception
{
    public ObjectVersionGoneException(string message) : base(message) { }

    public ObjectVersionGoneException(string message, Exception innerException) : base(message, innerException) { }

    public ObjectVersionGoneException() { }
}
