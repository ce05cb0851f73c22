using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Tests.Fakes;

/// <summary>
/// Storage whose next write is cut short, as by a power loss: only the first bytes of the new
/// blob reach the flash. With KeepOldTail, the rest of the old blob stays behind them (a write
/// in place); without, the blob ends where the power went (a truncated file).
/// </summary>
public sealed class TornStorage(FakeStorage inner) : IStorage
{
    private int _tearAt = -1;

    public bool KeepOldTail { get; set; }

    public void TearNextWriteAt(int bytes) => _tearAt = bytes;

    public int Read(string name, byte[] buffer) => inner.Read(name, buffer);

    public bool Write(string name, byte[] buffer, int length)
    {
        if (_tearAt < 0)
            return inner.Write(name, buffer, length);
        int kept = Math.Min(_tearAt, length);
        _tearAt = -1;
        byte[] blob = buffer.AsSpan(0, kept).ToArray();
        if (KeepOldTail)
        {
            var old = new byte[4096];
            int oldLength = inner.Read(name, old);
            if (oldLength > kept)
                blob = [.. blob, .. old.AsSpan(kept, oldLength - kept).ToArray()];
        }

        inner.Write(name, blob, blob.Length);

        // The power went: the caller never learns whether the write finished.
        return false;
    }
}
