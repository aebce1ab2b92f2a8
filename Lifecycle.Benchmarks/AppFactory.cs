using System.Collections.Immutable;
using Lifecycle.Data.Definitions;

namespace Lifecycle.Benchmarks;

/// <summary>Definitions of a given size: one page of components of every type, one of them bound to a constant (SPEC E3).</summary>
public static class AppFactory
{
    public const string ConstantName = "API_URL";

    public static AppDefinition WithComponents(int count)
    {
        var page = new PageDefinition("home000000000", "Home", "home", 0, Components(count));
        return new AppDefinition(AppDefinition.CurrentSchemaVersion, [page], [], new AppSettings("Benchmark", AppTheme.Light));
    }

    public static string ComponentId(int index) => $"c{index:D11}";

    private static ImmutableArray<ComponentDefinition> Components(int count)
    {
        var builder = ImmutableArray.CreateBuilder<ComponentDefinition>(count);
        for (var i = 0; i < count; i++)
        {
            var type = ComponentCatalog.All[i % ComponentCatalog.All.Count];
            var properties = ComponentCatalog.DefaultProperties(type);
            if (type == ComponentType.Text)
            {
                properties = properties.SetItem("text", i == 0 ? $"Served by {{{{constants.{ConstantName}}}}}" : $"Line {i} of the report");
            }

            builder.Add(new ComponentDefinition(ComponentId(i), $"{ComponentCatalog.NamePrefix(type)}{i + 1}", type, properties, i));
        }

        return builder.MoveToImmutable();
    }
}
