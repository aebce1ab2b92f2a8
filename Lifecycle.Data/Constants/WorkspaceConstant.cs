using Lifecycle.Data.Environments;

namespace Lifecycle.Data.Constants;

/// <summary>A named value with one value per environment (SPEC E4). A secret one stores only ciphertext (SPEC E5).</summary>
public sealed class WorkspaceConstant : Common.INamedWorkspaceItem
{
    private readonly List<ConstantValue> _values = [];

    private WorkspaceConstant() { }

    public WorkspaceConstant(string name, bool isSecret)
    {
        Name = name.Trim();
        IsSecret = isSecret;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public bool IsSecret { get; private set; }
    public IReadOnlyCollection<ConstantValue> Values => _values;

    /// <summary>Bindings name the constant, so a new name must be an identifier; the caller checks uniqueness and use.</summary>
    void Common.INamedWorkspaceItem.Rename(string name) => Name = name.Trim();

    /// <summary>Sets the stored form of the value in one environment (ciphertext for a secret); null or empty clears it.</summary>
    internal void SetStoredValue(DeploymentEnvironment environment, string? stored)
    {
        var existing = _values.Find(v => v.Environment == environment);
        if (string.IsNullOrEmpty(stored))
        {
            if (existing is not null)
            {
                _values.Remove(existing);
            }

            return;
        }

        if (existing is null)
        {
            _values.Add(new ConstantValue(environment, stored));
        }
        else
        {
            existing.Replace(stored);
        }
    }
}

public sealed class ConstantValue
{
    private ConstantValue() { }

    internal ConstantValue(DeploymentEnvironment environment, string storedValue)
    {
        Environment = environment;
        StoredValue = storedValue;
    }

    public int ConstantId { get; private set; }
    public DeploymentEnvironment Environment { get; private set; }

    /// <summary>Plain text for a plain constant; Data Protection ciphertext for a secret one.</summary>
    public string StoredValue { get; private set; } = "";

    internal void Replace(string storedValue) => StoredValue = storedValue;
}
