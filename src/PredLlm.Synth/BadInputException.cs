namespace PredLlm.Synth;

/// <summary>
/// The user's input (a table, a policy, an option) cannot be used. The message names the problem in
/// words a user can act on and never quotes a data value. The CLI maps it to exit code 2; the worker
/// sends the input to <c>failed/</c> with the message.
/// </summary>
public sealed class BadInputException : Exception
{
    public BadInputException(string message) : base(message) { }

    public BadInputException(string message, Exception innerException) : base(message, innerException) { }

    public BadInputException() { }
}
