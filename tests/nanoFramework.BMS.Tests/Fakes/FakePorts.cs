using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Tests.Fakes;

/// <summary>Ports that allocate nothing, so a test can measure the firmware's own allocations.</summary>
public sealed class FakeClock : IClock
{
    public long NowMs { get; set; }
}

public sealed class FakeAnalogInputs(int channels, int counts) : IAnalogInputs
{
    public readonly int[] Counts = Enumerable.Repeat(counts, channels).ToArray();

    /// <summary>A channel whose next reading throws, once (a bus glitch); -1 for none.</summary>
    public int ThrowOnceAt = -1;

    public int ReadCounts(int channel)
    {
        if (channel == ThrowOnceAt)
        {
            ThrowOnceAt = -1;
            throw new InvalidOperationException("bus glitch");
        }

        return Counts[channel];
    }
}

/// <summary>Reads the pack voltage as the sum of what the cell channels read, like a healthy pack.</summary>
public sealed class FakeCurrentSensor(FakeAnalogInputs cells) : ICurrentSensor
{
    public float Amps;
    public CurrentSensorStatus Status = CurrentSensorStatus.Ok;

    public float PackMillivolts
    {
        get
        {
            float sum = 0;
            foreach (int counts in cells.Counts)
                sum += counts * (5000f / 4095);
            return sum;
        }
    }

    private bool _flicker;

    public CurrentSensorStatus Read(out float packAmps, out float packMillivolts)
    {
        // A live shunt reading flickers in its last bit; a bit-identical one is a stuck sensor.
        _flicker = !_flicker;
        packAmps = Amps + (_flicker ? 0.0002f : 0f);
        packMillivolts = PackMillivolts;
        return Status;
    }
}

/// <summary>The load side: at pack voltage while either relay is energised, discharged otherwise.</summary>
public sealed class FakeLinkInput(FakeCurrentSensor pack, FakeOutput main, FakeOutput precharge) : IAnalogInputs
{
    public bool Welded;

    public int ReadCounts(int channel) =>
        main.Energised || precharge.Energised || Welded ? (int)(pack.PackMillivolts / (100000f / 4095)) + 1 : 0;
}

public sealed class FakeWatchdog : IWatchdog
{
    public int Feeds;

    public void Feed() => Feeds++;
}

public sealed class FakeOutput : IDigitalOutput
{
    public bool Energised = true;
    public int Writes;

    public void Write(bool energised)
    {
        Energised = energised;
        Writes++;
    }
}

/// <summary>Copies each message into one preallocated buffer and keeps the last.</summary>
public sealed class FakeUplink : IUplink
{
    public readonly byte[] Last = new byte[64 * 1024];
    public int LastLength;
    public string? LastTopic;
    public int Count;

    public bool Publish(string topic, byte[] payload, int length)
    {
        Array.Copy(payload, Last, length);
        LastLength = length;
        LastTopic = topic;
        Count++;
        return true;
    }
}

/// <summary>Feeds a fixed byte script, optionally over and over, and counts what comes back.</summary>
public sealed class FakeConsole : IConsolePort
{
    /// <summary>When set, what the console writes is kept as text (allocates: not for allocation tests).</summary>
    public System.Text.StringBuilder? Text;

    /// <summary>Everything written since the last call (turns on keeping text).</summary>
    public string TakeText()
    {
        Text ??= new System.Text.StringBuilder();
        string text = Text.ToString();
        Text.Clear();
        return text;
    }

    private byte[] _input = [];
    private int _position;
    public bool Repeat;
    public long BytesWritten;
    public int Writes;

    /// <summary>Bytes fed but not read yet.</summary>
    public int Pending => _input.Length - _position;

    public void Feed(byte[] input, bool repeat = false)
    {
        _input = input;
        _position = 0;
        Repeat = repeat;
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        if (_position >= _input.Length)
        {
            if (!Repeat || _input.Length == 0)
                return 0;
            _position = 0;
        }

        int n = Math.Min(count, _input.Length - _position);
        Array.Copy(_input, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        BytesWritten += count;
        Writes++;
        Text?.Append(System.Text.Encoding.ASCII.GetString(buffer, offset, count));
    }
}

/// <summary>
/// Blobs in a pool of buffers allocated up front, so a write (even of a name never written
/// before, like the next flight-recorder slot) allocates nothing and an allocation test
/// counts only the firmware.
/// </summary>
public sealed class FakeStorage : IStorage
{
    private const int MaxBlobs = 128;
    private const int MaxBlobBytes = 4096;
    private readonly byte[][] _pool = Enumerable.Range(0, MaxBlobs).Select(_ => new byte[MaxBlobBytes]).ToArray();
    private readonly int[] _lengths = new int[MaxBlobs];
    private readonly Dictionary<string, int> _slots = new(MaxBlobs);

    public byte[] Blob(string name) => _pool[_slots[name]].AsSpan(0, _lengths[_slots[name]]).ToArray();

    public void Corrupt(string name, int offset) => _pool[_slots[name]][offset] ^= 0x40;

    public int Read(string name, byte[] buffer)
    {
        if (!_slots.TryGetValue(name, out int slot))
            return -1;
        int length = _lengths[slot];
        Array.Copy(_pool[slot], buffer, Math.Min(length, buffer.Length));
        return length;
    }

    public bool Write(string name, byte[] buffer, int length)
    {
        if (!_slots.TryGetValue(name, out int slot))
        {
            slot = _slots.Count;
            _slots[name] = slot;
        }

        Array.Copy(buffer, _pool[slot], length);
        _lengths[slot] = length;
        return true;
    }
}
