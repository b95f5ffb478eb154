using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace AudioPlatform.Notify.Tests;

/// <summary>Real WebSockets for the hub to push to: a server and a client end joined by a loopback TCP connection.</summary>
internal static class LoopbackWebSockets
{
    /// <summary>Opens a pair; everything opened is added to <paramref name="owned"/> for the test to dispose.</summary>
    public static async Task<(WebSocket Server, WebSocket Client)> OpenAsync(List<IDisposable> owned)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var clientTcp = new TcpClient();
        await clientTcp.ConnectAsync((IPEndPoint)listener.LocalEndpoint);
        var serverTcp = await listener.AcceptTcpClientAsync();
        var server = WebSocket.CreateFromStream(serverTcp.GetStream(), isServer: true, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
        var client = WebSocket.CreateFromStream(clientTcp.GetStream(), isServer: false, subProtocol: null, keepAliveInterval: Timeout.InfiniteTimeSpan);
        owned.AddRange([server, client, serverTcp, clientTcp]);
        return (server, client);
    }
}
