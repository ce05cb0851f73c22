using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>Blobs in memory; survives a simulated restart when the same instance is handed to the new firmware.</summary>
public sealed class MemoryStorage : IStorage
{
    private readonly Dictionary<string, byte[]> _blobs = [];

    public int Writes { get; private set; }

    public int Read(string name, byte[] buffer)
    {
        if (!_blobs.TryGetValue(name, out var blob))
            return -1;
        int length = Math.Min(blob.Length, buffer.Length);
        Array.Copy(blob, buffer, length);
        return blob.Length;
    }

    public bool Write(string name, byte[] buffer, int length)
    {
        _blobs[name] = buffer.AsSpan(0, length).ToArray();
        Writes++;
        return true;
    }

    public byte[]? Blob(string name) => _blobs.TryGetValue(name, out var blob) ? blob : null;

    public void Corrupt(string name, int offset) => _blobs[name][offset] ^= 0xFF;
}
