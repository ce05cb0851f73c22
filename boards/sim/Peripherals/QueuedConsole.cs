using System.Text;
using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.Sim.Peripherals;

/// <summary>
/// The console port as a byte queue in and a text sink out: fed by stdin, a script or a test.
/// Thread-safe on the input side, since stdin is read on its own thread.
/// </summary>
public sealed class QueuedConsole : IConsolePort
{
    private readonly Queue<byte> _input = new();
    private readonly StringBuilder _output = new();

    public event Action<string>? Output;

    public void Type(string line) => TypeBytes(Encoding.ASCII.GetBytes(line + "\r\n"));

    public void TypeBytes(byte[] bytes)
    {
        lock (_input)
        {
            foreach (byte b in bytes)
                _input.Enqueue(b);
        }
    }

    public int Pending
    {
        get
        {
            lock (_input)
                return _input.Count;
        }
    }

    /// <summary>Everything written since the last call.</summary>
    public string TakeOutput()
    {
        string text = _output.ToString();
        _output.Clear();
        return text;
    }

    public int Read(byte[] buffer, int offset, int count)
    {
        lock (_input)
        {
            int n = 0;
            while (n < count && _input.Count > 0)
                buffer[offset + n++] = _input.Dequeue();
            return n;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        string text = Encoding.ASCII.GetString(buffer, offset, count);
        _output.Append(text);
        Output?.Invoke(text);
    }
}
