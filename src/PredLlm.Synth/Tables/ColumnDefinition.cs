namespace PredLlm.Synth.Tables;

/// <summary>A column's name, whether it may hold nulls, and the exact type it is stored as.</summary>
public sealed record ColumnDefinition
{
    public ColumnDefinition(string name, ColumnStorage storage, bool isNullable)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(storage);
        Name = name;
        Storage = storage;
        IsNullable = isNullable;
    }

    public string Name { get; }

    public ColumnStorage Storage { get; }

    public bool IsNullable { get; }

    public ValueFamily Family => Storage.Family;
}
