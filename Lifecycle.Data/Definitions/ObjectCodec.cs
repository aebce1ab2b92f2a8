namespace Lifecycle.Data.Definitions;

/// <summary>
/// The canonical JSON of each kind of object. A component and a query are stored as their whole record, whatever fields
/// it has, except the order, which is their place in the page's sequence or the root's list (so moving one changes
/// neither it nor its neighbours).
/// </summary>
internal static class ObjectCodec
{
    public static byte[] Component(ComponentDefinition component) =>
        DefinitionJson.SerializeToUtf8(component.Order == 0 ? component : component with { Order = 0 }, typeof(ComponentDefinition));

    public static byte[] Query(QueryDefinition query) => DefinitionJson.SerializeToUtf8(query, typeof(QueryDefinition));

    /// <summary>The definition's own fields: everything but its pages and queries.</summary>
    public static byte[] OwnPart(AppDefinition definition) => DefinitionJson.SerializeToUtf8(OwnFields(definition), typeof(AppDefinition));

    /// <summary>The page's own fields: everything but its components and its order.</summary>
    public static byte[] OwnPart(PageDefinition page) => DefinitionJson.SerializeToUtf8(OwnFields(page), typeof(PageDefinition));

    public static AppDefinition OwnFields(AppDefinition definition) => definition with { Pages = [], Queries = [] };

    public static PageDefinition OwnFields(PageDefinition page) => page with { Components = [], Order = 0 };

    public static byte[] Serialize<T>(T value)
        where T : notnull => DefinitionJson.SerializeToUtf8(value, typeof(T));

    public static T Decode<T>(byte[] content) => DefinitionJson.Deserialize<T>(content);
}
