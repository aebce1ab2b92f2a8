using System.Text.RegularExpressions;
using Lifecycle.Tests.EndToEnd;
using YamlDotNet.RepresentationModel;

namespace Lifecycle.Tests.Deployment;

/// <summary>
/// The compose file and the Dockerfile cannot run here (these machines have the Docker client but no engine), so their
/// content is checked as far as it can be without one: the compose file parses and wires PostgreSQL, two app instances
/// and the proxy the way the two-instance tests run them; the Dockerfile builds from files that exist and runs as a
/// non-root user in Production (decision 033).
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Root = AppServer.RepositoryRoot();

    [Fact]
    public void TheComposeFileRunsTwoInstancesOnPostgresBehindTheSharedProxyConfiguration()
    {
        var compose = Load(Path.Combine(Root, "docker-compose.yml"));
        var services = (YamlMappingNode)compose["services"];

        Assert.Equal(["app1", "app2", "postgres", "proxy"], services.Children.Keys.Select(k => k.ToString()).Order());
        foreach (var app in new[] { "app1", "app2" })
        {
            var environment = (YamlMappingNode)((YamlMappingNode)services[app])["environment"];
            Assert.Equal("Postgres", environment["Database__Provider"].ToString());
            Assert.StartsWith("Host=postgres;", environment["ConnectionStrings__Lifecycle"].ToString());
            Assert.Equal("json", environment["Logging__Console__FormatterName"].ToString());
            Assert.NotEmpty(environment["ForwardedHeaders__KnownNetworks"].ToString());
        }

        var proxy = (YamlMappingNode)services["proxy"];
        var mounts = ((YamlSequenceNode)proxy["volumes"]).Select(v => v.ToString().Split(':')).ToList();
        Assert.Contains(mounts, m => m[0] == "./deploy/nginx/lifecycle.conf" && m[1] == "/etc/nginx/conf.d/default.conf");
        Assert.Contains(mounts, m => m[0] == "./deploy/nginx/compose-upstreams.conf" && m[1] == "/etc/nginx/lifecycle-upstreams.conf");
        Assert.All(mounts, m => Assert.True(File.Exists(Path.Combine(Root, m[0])), $"{m[0]} is missing."));
        Assert.Equal(["8080:8080"], ((YamlSequenceNode)proxy["ports"]).Select(p => p.ToString()));

        var upstreams = File.ReadAllText(Path.Combine(Root, "deploy", "nginx", "compose-upstreams.conf"));
        Assert.Contains("server app1:8080;", upstreams);
        Assert.Contains("server app2:8080;", upstreams);
    }

    [Fact]
    public void TheProxyConfigurationKeepsSessionsStickyAndPassesWebSockets()
    {
        var proxy = File.ReadAllText(Path.Combine(Root, "deploy", "nginx", "lifecycle.conf"));

        Assert.Contains("hash $lifecycle_node consistent;", proxy);
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", proxy);
        Assert.Contains("proxy_set_header Connection $connection_upgrade;", proxy);
        Assert.Contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;", proxy);
        Assert.Contains("listen 8080;", proxy); // the one line the two-instance test replaces (NginxProxy)
    }

    [Fact]
    public void TheImageIsBuiltFromFilesThatExistAndRunsAsANonRootUserInProduction()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));

        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", dockerfile);
        Assert.Matches(@"(?m)^FROM mcr\.microsoft\.com/dotnet/aspnet:10\.0$", dockerfile);
        Assert.Matches(@"(?m)^USER \$APP_UID$", dockerfile);
        Assert.Contains("ASPNETCORE_ENVIRONMENT=Production", dockerfile);
        foreach (Match copy in CopyFromContext().Matches(dockerfile))
        {
            foreach (var source in copy.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                Assert.True(File.Exists(Path.Combine(Root, source)) || Directory.Exists(Path.Combine(Root, source)), $"COPY {source}: not in the repository.");
            }
        }
    }

    private static YamlMappingNode Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader); // aliases (*app-environment) resolve to their anchored nodes
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    /// <summary>A COPY from the build context (not --from=...): its sources, then its destination.</summary>
    [GeneratedRegex(@"(?m)^COPY (?!--from)(?<sources>(?:\S+ )+)\S+$")]
    private static partial Regex CopyFromContext();
}
