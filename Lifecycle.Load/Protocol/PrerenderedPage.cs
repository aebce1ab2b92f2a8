using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lifecycle.Load.Protocol;

/// <summary>
/// What blazor.web.js reads from a server-rendered page before it starts a circuit: the markers of the interactive server
/// components (<c>&lt;!--Blazor:{"type":"server",…,"descriptor":"…"}--&gt;</c>, in document order) and the protected
/// prerendered component state (<c>&lt;!--Blazor-Server-Component-State:…--&gt;</c>).
/// </summary>
internal sealed partial record PrerenderedPage(Uri Address, IReadOnlyList<JsonObject> ServerMarkers, string ApplicationState)
{
    public static PrerenderedPage Parse(Uri address, string html)
    {
        var markers = new List<JsonObject>();
        foreach (Match match in MarkerPattern().Matches(html))
        {
            // End markers carry only the prerender id; the start markers of server components carry their descriptor.
            if (JsonNode.Parse(match.Groups[1].Value) is JsonObject marker && (string?)marker["type"] == "server")
            {
                markers.Add(marker);
            }
        }

        var state = StatePattern().Match(html);
        return new PrerenderedPage(address, markers, state.Success ? state.Groups[1].Value : "");
    }

    /// <summary>The first UpdateRootComponents batch: every marker added, each under its SSR component id (1, 2, … in document order).</summary>
    public string AddOperationsJson()
    {
        var operations = new JsonArray();
        for (var i = 0; i < ServerMarkers.Count; i++)
        {
            var marker = (JsonObject)ServerMarkers[i].DeepClone();
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }

        return new JsonObject { ["batchId"] = 1, ["operations"] = operations }.ToJsonString();
    }

    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex StatePattern();
}
