using System.Collections.Immutable;

namespace Lifecycle.Data.Definitions;

/// <summary>
/// A definition as a tree of objects (SPEC D4, decision 018): root → pages → component sequence → components; root →
/// queries. Writing a whole definition stores every object (those already stored are not stored twice); writing an
/// edited one stores only the objects on the path of what changed.
/// </summary>
internal static class DefinitionTree
{
    public static string WriteAll(AppDefinition definition, ObjectBatch batch)
    {
        var pages = definition.Pages.Select(page => WritePage(page, batch)).ToList();
        return WriteRoot(definition, pages, batch);
    }

    /// <summary>
    /// Writes <paramref name="edited"/>, reusing every page, component and query of <paramref name="stored"/> it did not
    /// change. <paramref name="sourceRootHash"/>, the root of the saved version the draft was created from, gives the
    /// nodes that new sequence nodes are stored as deltas of (decision 039); a base gone meanwhile is found when the node
    /// is stored (<see cref="ObjectBatch.StoreAsync"/>).
    /// </summary>
    public static async Task<string> WriteChangedAsync(StoredDefinition stored, AppDefinition edited, ObjectBatch batch, ObjectReader reader, string? sourceRootHash, CancellationToken cancellationToken)
    {
        Dictionary<string, string>? sourceSequences = null;
        async Task<string?> SourceSequenceAsync(string pageId)
        {
            if (sourceRootHash is null)
            {
                return null;
            }

            if (sourceSequences is null)
            {
                try
                {
                    var sourceRoot = await reader.GetAsync<RootObject>(sourceRootHash, cancellationToken);
                    sourceSequences = (await reader.GetManyAsync<PageObject>(sourceRoot.Pages, cancellationToken))
                        .ToDictionary(page => page.Page.Id, page => page.Components, StringComparer.Ordinal);
                }
                catch (DefinitionObjectMissingException)
                {
                    sourceSequences = []; // the source was deleted and collected: its nodes are no bases any more
                }
            }

            return sourceSequences.GetValueOrDefault(pageId);
        }

        var root = await reader.GetAsync<RootObject>(stored.RootHash, cancellationToken);
        var before = stored.Definition.Pages.Select((page, index) => (page, hash: root.Pages[index])).ToDictionary(p => p.page.Id, StringComparer.Ordinal);
        var pages = new List<(string Hash, PageObject Object)>();
        foreach (var page in edited.Pages)
        {
            if (!before.TryGetValue(page.Id, out var old))
            {
                pages.Add(WritePage(page, batch));
                continue;
            }

            var oldObject = await reader.GetAsync<PageObject>(old.hash, cancellationToken);
            pages.Add(SameExceptOrder(old.page, page)
                ? (old.hash, oldObject)
                : await WriteChangedPageAsync(old.page, oldObject, page, batch, reader, SourceSequenceAsync, cancellationToken));
        }

        var oldQueries = stored.Definition.Queries.Select((query, index) => (query, hash: root.Queries[index])).ToList();
        return WriteRoot(edited, pages, batch, query => oldQueries.FirstOrDefault(q => q.query.Equals(query)).hash);
    }

    public static async Task<AppDefinition> ReadAsync(string rootHash, ObjectReader reader, CancellationToken cancellationToken)
    {
        var root = await reader.GetAsync<RootObject>(rootHash, cancellationToken);
        var pageObjects = await reader.GetManyAsync<PageObject>(root.Pages, cancellationToken);
        var pages = ImmutableList.CreateBuilder<PageDefinition>();
        foreach (var pageObject in pageObjects)
        {
            var (hashes, _, leaves) = await ComponentSequence.ReadAsync(pageObject.Components, reader, cancellationToken);
            var components = await reader.GetComponentsAsync(leaves, hashes, cancellationToken);
            pages.Add(pageObject.Page with
            {
                Order = pages.Count,
                Components = [.. components.Select((component, index) => component.Order == index ? component : component with { Order = index })],
            });
        }

        var queries = await reader.GetManyAsync<QueryDefinition>(root.Queries, cancellationToken);
        return root.Definition with { Pages = pages.ToImmutable(), Queries = [.. queries] };
    }

    public static async Task<IReadOnlyList<QueryDefinition>> ReadQueriesAsync(string rootHash, ObjectReader reader, CancellationToken cancellationToken)
    {
        var root = await reader.GetAsync<RootObject>(rootHash, cancellationToken);
        return await reader.GetManyAsync<QueryDefinition>(root.Queries, cancellationToken);
    }

    private static (string Hash, PageObject Object) WritePage(PageDefinition page, ObjectBatch batch)
    {
        var references = ReferenceCounts.OfJson(ObjectCodec.OwnPart(page));
        var hashes = new List<string>(page.Components.Length);
        foreach (var component in page.Components)
        {
            var json = ObjectCodec.Component(component);
            hashes.Add(batch.PutComponent(json));
            references = references.Plus(ReferenceCounts.OfJson(json));
        }

        var pageObject = new PageObject(ObjectCodec.OwnFields(page), ComponentSequence.Build(hashes, [.. page.Components.Select(component => component.Id)], batch), references);
        return (batch.Put(pageObject), pageObject);
    }

    /// <summary>
    /// Rewrites the components that changed (one range: edits change one place at a time, and a wider range is still
    /// correct) and splices them into the sequence, which reads and writes only the nodes around that range.
    /// </summary>
    private static async Task<(string Hash, PageObject Object)> WriteChangedPageAsync(PageDefinition before, PageObject stored, PageDefinition after, ObjectBatch batch, ObjectReader reader,
        Func<string, Task<string?>> sourceSequence, CancellationToken cancellationToken)
    {
        var references = stored.References.Minus(ReferenceCounts.OfJson(ObjectCodec.OwnPart(before))).Plus(ReferenceCounts.OfJson(ObjectCodec.OwnPart(after)));
        var sequence = stored.Components;
        if (before.Components != after.Components)
        {
            var (start, oldEnd, newEnd) = ChangedRange(before.Components, after.Components);
            var replacement = new List<string>(newEnd - start);
            for (var i = start; i < oldEnd; i++)
            {
                references = references.Minus(ReferenceCounts.OfJson(ObjectCodec.Component(before.Components[i])));
            }

            for (var i = start; i < newEnd; i++)
            {
                var json = ObjectCodec.Component(after.Components[i]);
                replacement.Add(batch.PutComponent(json));
                references = references.Plus(ReferenceCounts.OfJson(json));
            }

            sequence = await ComponentSequence.SpliceAsync(stored.Components, start, oldEnd, replacement, position => after.Components[position], batch, reader, await sourceSequence(after.Id), cancellationToken);
        }

        var pageObject = new PageObject(ObjectCodec.OwnFields(after), sequence, references);
        return (batch.Put(pageObject), pageObject);
    }

    private static string WriteRoot(AppDefinition definition, IReadOnlyList<(string Hash, PageObject Object)> pages, ObjectBatch batch, Func<QueryDefinition, string?>? storedQuery = null)
    {
        var references = pages.Aggregate(ReferenceCounts.OfJson(ObjectCodec.OwnPart(definition)), (sum, page) => sum.Plus(page.Object.References));
        var queries = ImmutableArray.CreateBuilder<string>(definition.Queries.Count);
        foreach (var query in definition.Queries)
        {
            var json = ObjectCodec.Query(query);
            queries.Add(storedQuery?.Invoke(query) ?? batch.PutJson(json));
            references = references.Plus(ReferenceCounts.OfQuery(query, json));
        }

        return batch.Put(new RootObject(ObjectCodec.OwnFields(definition), [.. pages.Select(p => p.Hash)], queries.MoveToImmutable(), references));
    }

    /// <summary>The one range of positions in which two component lists differ: [start, oldEnd) was replaced by [start, newEnd).</summary>
    private static (int Start, int OldEnd, int NewEnd) ChangedRange(ImmutableArray<ComponentDefinition> before, ImmutableArray<ComponentDefinition> after)
    {
        if (ComponentPositions.ReplacedAt(before, after) is { } replaced)
        {
            return (replaced, replaced + 1, replaced + 1); // one component replaced in place: nothing else to compare
        }

        var start = 0;
        while (start < before.Length && start < after.Length && SameExceptOrder(before[start], after[start]))
        {
            start++;
        }

        var same = 0;
        var room = Math.Min(before.Length, after.Length) - start;
        while (same < room && SameExceptOrder(before[before.Length - 1 - same], after[after.Length - 1 - same]))
        {
            same++;
        }

        return (start, before.Length - same, after.Length - same);
    }

    private static bool SameExceptOrder(ComponentDefinition left, ComponentDefinition right) =>
        ReferenceEquals(left, right) || (left.Order == right.Order ? left.Equals(right) : (left with { Order = right.Order }).Equals(right));

    private static bool SameExceptOrder(PageDefinition left, PageDefinition right) =>
        ReferenceEquals(left, right) || (left.Order == right.Order ? left.Equals(right) : (left with { Order = right.Order }).Equals(right));
}
