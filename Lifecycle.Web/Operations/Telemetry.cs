using Lifecycle.Data.Instances;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Lifecycle.Web.Operations;

/// <summary>
/// OpenTelemetry traces and metrics, sent over OTLP to a collector, only when one is named (decision 033):
/// <c>OpenTelemetry:Endpoint</c>, or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. Off by default: nothing is
/// collected or sent. <c>OpenTelemetry:Protocol</c> is <c>grpc</c> (the default, port 4317) or <c>http/protobuf</c> (4318).
/// </summary>
public static class Telemetry
{
    public const string EndpointKey = "OpenTelemetry:Endpoint";
    public const string ProtocolKey = "OpenTelemetry:Protocol";
    public const string StandardEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceName = "lifecycle";

    public static IServiceCollection AddLifecycleTelemetry(this IServiceCollection services, IConfiguration configuration, ThisInstance instance)
    {
        var endpoint = configuration[EndpointKey] is { Length: > 0 } configured ? configured : configuration[StandardEndpointVariable];
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            return services;
        }

        var protocol = string.Equals(configuration[ProtocolKey], "http/protobuf", StringComparison.OrdinalIgnoreCase)
            ? OtlpExportProtocol.HttpProtobuf
            : OtlpExportProtocol.Grpc;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: instance.Id))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddSource("Npgsql"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter("Npgsql", "Microsoft.EntityFrameworkCore"))
            .UseOtlpExporter(protocol, new Uri(endpoint));
        return services;
    }
}
