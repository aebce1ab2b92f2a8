using System.Numerics;
using System.Text.Json;
using Lifecycle.Web.Circuits;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace Lifecycle.Tests.Components;

/// <summary>
/// Each circuit's JS interop serializer builds no metadata for the runtime's capability interfaces (issue 12, decision
/// 047), and writes and reads interop values as the framework's own does.
/// </summary>
public sealed class InteropMetadataTests
{
    private static JSRuntime CircuitRuntime(bool lean)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        if (lean)
        {
            builder.Services.AddLeanInteropMetadata();
        }

        return (JSRuntime)builder.Build().Services.CreateScope().ServiceProvider.GetRequiredService<IJSRuntime>();
    }

    private static JsonSerializerOptions OptionsOf(JSRuntime runtime) =>
        InteropMetadata.SerializerOptionsOf(runtime) ?? throw new InvalidOperationException("The JS runtime's serializer options were not found.");

    [Fact]
    public void The_circuit_gets_the_frameworks_own_runtime_with_the_filter_in_front_of_its_resolver()
    {
        var runtime = CircuitRuntime(lean: true);

        Assert.Equal("RemoteJSRuntime", runtime.GetType().Name); // the circuit factory casts to it
        var filter = Assert.IsType<InteropTypeFilter>(OptionsOf(runtime).TypeInfoResolver);
        Assert.NotNull(filter.Inner);
        Assert.IsNotType<InteropTypeFilter>(OptionsOf(CircuitRuntime(lean: false)).TypeInfoResolver);
    }

    [Fact]
    public void Capability_interfaces_have_no_metadata_and_what_a_value_may_be_declared_as_keeps_it()
    {
        var options = OptionsOf(CircuitRuntime(lean: true));

        Assert.False(options.TryGetTypeInfo(typeof(INumber<int>), out _));
        Assert.False(options.TryGetTypeInfo(typeof(IComparable<string>), out _));
        Assert.False(options.TryGetTypeInfo(typeof(IEquatable<int>), out _));
        Assert.False(options.TryGetTypeInfo(typeof(ValueType), out _));
        Assert.True(options.TryGetTypeInfo(typeof(int), out _));
        Assert.True(options.TryGetTypeInfo(typeof(object), out _));
        Assert.True(options.TryGetTypeInfo(typeof(IEnumerable<string>), out _));
        Assert.True(options.TryGetTypeInfo(typeof(IReadOnlyDictionary<string, int>), out _));
        Assert.True(options.TryGetTypeInfo(typeof(IJSObjectReference), out _));
    }

    [Fact]
    public void Interop_arguments_are_written_and_results_read_as_without_the_filter()
    {
        object?[] arguments =
        [
            7, "text", 2.5, true, null, DayOfWeek.Friday, new[] { 1, 2 },
            new Dictionary<string, List<string>> { ["a"] = ["b", "c"] },
            new Sample("name", 3, [new Sample("child", 4, [])]),
        ];

        var leanOptions = OptionsOf(CircuitRuntime(lean: true));
        var lean = JsonSerializer.Serialize(arguments, leanOptions);
        var framework = JsonSerializer.Serialize(arguments, OptionsOf(CircuitRuntime(lean: false)));

        Assert.Equal(framework, lean);
        Assert.Contains("\"name\":\"name\"", lean, StringComparison.Ordinal); // the framework's camel case is kept
        var read = JsonSerializer.Deserialize<Sample>("""{"name":"n","count":2,"children":[]}""", leanOptions);
        Assert.Equal("n", read?.Name);
        Assert.Equal(2, read?.Count);
        var reference = JsonSerializer.Deserialize<IJSObjectReference>("""{"__jsObjectId":5}""", leanOptions);
        Assert.NotNull(reference);
    }

    [Theory]
    [InlineData(typeof(IComparable), true)]
    [InlineData(typeof(ISpanParsable<int>), true)]
    [InlineData(typeof(IAdditionOperators<int, int, int>), true)]
    [InlineData(typeof(System.Runtime.Serialization.ISerializable), true)]
    [InlineData(typeof(Enum), true)]
    [InlineData(typeof(object), false)]
    [InlineData(typeof(string), false)]
    [InlineData(typeof(IEnumerable<int>), false)]
    [InlineData(typeof(System.Collections.IDictionary), false)]
    [InlineData(typeof(IJSObjectReference), false)]
    public void Only_the_runtimes_capability_interfaces_and_value_bases_are_filtered(Type type, bool filtered) =>
        Assert.Equal(filtered, InteropTypeFilter.IsCapabilityOnly(type));

    public sealed record Sample(string Name, int Count, IReadOnlyList<Sample> Children);
}
