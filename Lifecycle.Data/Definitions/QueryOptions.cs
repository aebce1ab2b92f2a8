namespace Lifecycle.Data.Definitions;

/// <summary>The option keys of a query in a definition.</summary>
public static class QueryOptions
{
    public const string Method = "method";
    public const string Path = "path";
    public const string QueryString = "query";
    public const string Body = "body";

    public static IReadOnlyList<string> Methods { get; } = ["GET", "POST", "PUT", "PATCH", "DELETE"];
}
