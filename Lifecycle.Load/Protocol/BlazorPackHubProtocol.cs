using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Lifecycle.Load.Protocol;

/// <summary>
/// The hub protocol blazor.web.js speaks to <c>/_blazor</c>: SignalR's MessagePack protocol under the name "blazorpack"
/// (the script names its MessagePackHubProtocol so; the server's hub accepts only that name). Render batches arrive as
/// binary, as in a browser.
/// </summary>
internal sealed class BlazorPackHubProtocol : IHubProtocol
{
    public const string ProtocolName = "blazorpack";

    private readonly MessagePackHubProtocol _messagePack = new();

    public string Name => ProtocolName;

    public int Version => _messagePack.Version;

    public TransferFormat TransferFormat => _messagePack.TransferFormat;

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _messagePack.GetMessageBytes(message);

    public bool IsVersionSupported(int version) => _messagePack.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _messagePack.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _messagePack.WriteMessage(message, output);
}
