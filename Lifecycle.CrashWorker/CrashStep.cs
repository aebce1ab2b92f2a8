using System.Text.Json;

namespace Lifecycle.CrashWorker;

/// <summary>
/// One lifecycle write of the burst, as the worker announces it before it starts (<c>start {json}</c>) and reports it once
/// committed (<c>done {json}</c>). It carries what the test needs to know the write's effect: the version's name (names
/// are never reused), its source, the environment it moves to, and for an edit the revision and root hash it leads to.
/// </summary>
public sealed record CrashStep(int Number, string Kind, string App, string? Version = null, string? Source = null,
    string? Environment = null, int? Revision = null, string? Hash = null)
{
    public const string Create = "create";
    public const string Edit = "edit";
    public const string Save = "save";
    public const string Promote = "promote";
    public const string Release = "release";
    public const string Rollback = "rollback";
    public const string Delete = "delete";
    public const string Collect = "collect";
}

/// <summary>The lines the worker writes to its standard output, one per event, flushed at once.</summary>
public static class CrashProtocol
{
    public const string Ready = "ready";
    public const string Start = "start";
    public const string Done = "done";

    /// <summary>A write the worker expected to succeed was refused: the worker stops, the test fails.</summary>
    public const string Failed = "failed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Line(string phase, CrashStep step) => $"{phase} {JsonSerializer.Serialize(step, Json)}";

    /// <summary>
    /// The phase and step of a line, or null for a line that carries no step, or only part of one: a line the worker was
    /// killed while writing was not reported.
    /// </summary>
    public static (string Phase, CrashStep Step)? Parse(string line)
    {
        var space = line.IndexOf(' ');
        if (space < 0 || line[(space + 1)..] is not ['{', ..] json)
        {
            return null;
        }

        try
        {
            return (line[..space], JsonSerializer.Deserialize<CrashStep>(json, Json)!);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
