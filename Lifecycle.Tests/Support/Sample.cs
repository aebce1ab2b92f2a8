using System.Collections.Immutable;
using Lifecycle.Data.Definitions;

namespace Lifecycle.Tests.Support;

/// <summary>Definitions of a given size, built from scratch so two calls give equal content.</summary>
public static class Sample
{
    public const string HomePageId = "page000home";

    public static string ComponentId(int index) => $"cmp{index:D9}";

    /// <summary>One page of components of every type in turn (the first is a Text), named as the editor names them.</summary>
    public static AppDefinition App(int components)
    {
        var list = ImmutableArray.CreateBuilder<ComponentDefinition>(components);
        for (var i = 0; i < components; i++)
        {
            var type = ComponentCatalog.All[i % ComponentCatalog.All.Count];
            list.Add(new ComponentDefinition(ComponentId(i), $"{ComponentCatalog.NamePrefix(type)}{i + 1}", type, ComponentCatalog.DefaultProperties(type), i));
        }

        return new AppDefinition(AppDefinition.CurrentSchemaVersion, [new PageDefinition(HomePageId, "Home", "home", 0, list.MoveToImmutable())], [], new AppSettings("Sample", AppTheme.Light));
    }
}
