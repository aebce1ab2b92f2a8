using System.Text;
using Lifecycle.Data.Common;

namespace Lifecycle.Data.Queries;

/// <summary>
/// SPEC Q2: a query's path stays under its data source's base URL. The path is a builder's text, so it is read the
/// way the many servers behind a proxy might read it: percent-decoded again and again, backslashes taken as slashes,
/// full-width dots folded. Any dot segment (plain or encoded), authority (<c>//host</c>), scheme or control character is
/// refused rather than cleaned up, and the address that is built must keep the base URL's scheme, host, port and path.
/// </summary>
public static class QueryPath
{
    public const string LeavesBaseMessage = "A query's path must stay under its data source's base URL: it may not contain '..' (plain or encoded), '//', '\\', another address or control characters.";

    /// <summary>Percent-decoding rounds tried; a path still encoded after them is refused.</summary>
    private const int DecodingRounds = 4;

    /// <summary>The address of a query: the base URL's, with the path and query string appended, or why not.</summary>
    public static Result<Uri> Combine(string baseUrl, string path, string queryString)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            return Result<Uri>.From(Result.Invalid("The data source's base URL is not an absolute http or https address.", "baseUrl"));
        }

        var relative = path.Trim();
        relative = relative.StartsWith('/') ? relative[1..] : relative;
        if (!IsContained(relative))
        {
            return Result<Uri>.From(Result.Invalid(LeavesBaseMessage, "path"));
        }

        var query = queryString.Trim().TrimStart('?');
        if (query.Any(char.IsControl) || query.Contains('#'))
        {
            return Result<Uri>.From(Result.Invalid("A query string may not contain '#' or control characters.", "query"));
        }

        var basePath = baseUri.AbsolutePath.TrimEnd('/') + "/";
        var text = baseUri.GetLeftPart(UriPartial.Authority) + basePath + relative + (query.Length > 0 ? "?" + query : "");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var target)
            || target.Scheme != baseUri.Scheme
            || !string.Equals(target.IdnHost, baseUri.IdnHost, StringComparison.OrdinalIgnoreCase)
            || target.Port != baseUri.Port
            || !target.AbsolutePath.StartsWith(basePath, StringComparison.Ordinal))
        {
            return Result<Uri>.From(Result.Invalid(LeavesBaseMessage, "path"));
        }

        return target;
    }

    /// <summary>Whether every reading of the path stays below its start.</summary>
    internal static bool IsContained(string path)
    {
        if (path.StartsWith('/'))
        {
            return false; // an authority ("//host") once the leading slash is gone; "http://host" fails on "//" below
        }

        var reading = path;
        for (var round = 0; round <= DecodingRounds; round++)
        {
            var folded = reading.Normalize(NormalizationForm.FormKC); // "．．" (full-width) reads as ".."
            if (folded.Any(char.IsControl) || folded.Contains('\\') || folded.Contains("//", StringComparison.Ordinal)
                || folded.Split('/', '?', '#').Any(segment => segment is "." or ".."))
            {
                return false;
            }

            var decoded = Uri.UnescapeDataString(reading);
            if (decoded == reading)
            {
                return true;
            }

            reading = decoded; // "%2e%2e%2f", "..%2f", "%252e%252e/": a server that decodes once more sees "../"
        }

        return false; // still encoded after every round: refused rather than guessed
    }
}
