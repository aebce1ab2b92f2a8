using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.JSInterop;

namespace Lifecycle.Web.Circuits;

/// <summary>
/// Keeps each circuit's JS interop serializer from building metadata for the interfaces a value's type merely implements
/// (decision 047).
/// </summary>
/// <remarks>
/// A circuit's <see cref="JSRuntime"/> has serializer options of its own (its converters hold the runtime), so each circuit
/// builds its own metadata. An interop argument is written by its runtime type, and the serializer then looks for an
/// ancestor declaring polymorphism: it builds metadata for every base type and interface of that type, 30 interfaces for
/// an <see cref="int"/> alone (<c>INumber&lt;int&gt;</c>, <c>IParsable&lt;int&gt;</c>, ...), about 35 KB a circuit (census) for the
/// numbers, strings and records the framework and the canvas send. These interfaces declare no polymorphism and no interop
/// value is declared as one of them; "no metadata" is an answer the serializer's walk expects.
/// </remarks>
internal sealed class InteropTypeFilter(IJsonTypeInfoResolver inner) : IJsonTypeInfoResolver
{
    public IJsonTypeInfoResolver Inner { get; } = inner;

    public JsonTypeInfo? GetTypeInfo(Type type, JsonSerializerOptions options) =>
        IsCapabilityOnly(type) ? null : Inner.GetTypeInfo(type, options);

    /// <summary>
    /// The runtime's own capability interfaces (comparison, parsing, formatting, arithmetic, serialization callbacks) and
    /// the abstract bases of values. Collection interfaces are not among them: a value may be declared as one.
    /// </summary>
    public static bool IsCapabilityOnly(Type type) =>
        type == typeof(ValueType)
        || type == typeof(Enum)
        || (type.IsInterface
            && type.Assembly == typeof(object).Assembly
            && type.Namespace is "System" or "System.Numerics" or "System.Runtime.Serialization");
}

public static class InteropMetadata
{
    private static readonly PropertyInfo? SerializerOptionsOfRuntime =
        typeof(JSRuntime).GetProperty("JsonSerializerOptions", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>
    /// Registers the circuit's JS runtime (the framework's own type, registered by <c>AddInteractiveServerComponents</c>)
    /// through a factory that puts <see cref="InteropTypeFilter"/> in front of its serializer's type resolver, before the
    /// circuit first uses it. Call after <c>AddInteractiveServerComponents</c>.
    /// </summary>
    public static IServiceCollection AddLeanInteropMetadata(this IServiceCollection services)
    {
        var registered = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IJSRuntime));
        if (registered is not { ImplementationType: { } runtimeType } || !typeof(JSRuntime).IsAssignableFrom(runtimeType))
        {
            return services; // not a type registration we know how to wrap: the runtime stays as the framework made it
        }

        var create = ActivatorUtilities.CreateFactory(runtimeType, Type.EmptyTypes);
        services[services.IndexOf(registered)] = ServiceDescriptor.Describe(typeof(IJSRuntime), provider =>
        {
            var runtime = (JSRuntime)create(provider, null);
            FilterAncestors(runtime);
            return runtime;
        }, registered.Lifetime);
        return services;
    }

    /// <summary>The runtime's serializer options, for tests: <see langword="null"/> when the framework no longer has them where expected.</summary>
    internal static JsonSerializerOptions? SerializerOptionsOf(JSRuntime runtime) => SerializerOptionsOfRuntime?.GetValue(runtime) as JsonSerializerOptions;

    private static void FilterAncestors(JSRuntime runtime)
    {
        if (SerializerOptionsOf(runtime) is { IsReadOnly: false } options)
        {
            options.TypeInfoResolver = new InteropTypeFilter(options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver());
        }
    }
}
