using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Tests.Uplink;

public class MessageQueueTests
{
    private static void Push(MessageQueue queue, byte value, byte kind)
    {
        byte[] slot = queue.BeginWrite() ?? throw new InvalidOperationException("queue refused");
        slot[0] = value;
        queue.Commit(1, kind);
    }

    private static List<byte> Drain(MessageQueue queue)
    {
        var seen = new List<byte>();
        while (queue.Peek(out var payload, out int length, out _))
        {
            Assert.Equal(1, length);
            seen.Add(payload[0]);
            queue.Complete(true);
        }

        return seen;
    }

    [Fact]
    public void AFullRingDropsTheOldestTelemetryAndCountsIt()
    {
        var queue = new MessageQueue(4, 16);
        for (byte i = 1; i <= 10; i++)
            Push(queue, i, MessageKind.Telemetry);
        Assert.Equal(6, queue.TelemetryDropped);
        Assert.Equal([7, 8, 9, 10], Drain(queue));
    }

    [Fact]
    public void AlertsAreNeverDroppedToMakeRoom()
    {
        var queue = new MessageQueue(3, 16);
        Push(queue, 1, MessageKind.Alert);
        Push(queue, 2, MessageKind.Telemetry);
        Push(queue, 3, MessageKind.Alert);
        Push(queue, 4, MessageKind.Telemetry);
        Assert.Equal(1, queue.TelemetryDropped);
        Push(queue, 5, MessageKind.Alert);
        Assert.Equal(2, queue.TelemetryDropped);
        Assert.Null(queue.BeginWrite());
        Assert.Equal([1, 3, 5], Drain(queue));
    }

    [Fact]
    public void TheMessageBeingSentIsNeverOverwritten()
    {
        var queue = new MessageQueue(2, 16);
        Push(queue, 1, MessageKind.Telemetry);
        Push(queue, 2, MessageKind.Telemetry);
        Assert.True(queue.Peek(out var sending, out _, out _));
        Push(queue, 3, MessageKind.Telemetry);
        Push(queue, 4, MessageKind.Telemetry);
        Assert.Equal(1, sending[0]);
        queue.Complete(false);
        Assert.Equal(2, queue.TelemetryDropped);
        Assert.Equal([1, 4], Drain(queue));
    }

    [Fact]
    public void AFailedSendKeepsTheMessageAtTheFront()
    {
        var queue = new MessageQueue(3, 16);
        Push(queue, 1, MessageKind.Telemetry);
        Push(queue, 2, MessageKind.Telemetry);
        Assert.True(queue.Peek(out _, out _, out _));
        queue.Complete(false);
        Assert.Equal([1, 2], Drain(queue));
    }

    [Fact]
    public void ConcurrentProducerAndConsumerLoseNothingButCountedDrops()
    {
        var queue = new MessageQueue(8, 8);
        const int total = 200_000;
        var received = new List<int>();
        var producer = new Thread(() =>
        {
            for (int i = 0; i < total; i++)
            {
                byte[] slot = queue.BeginWrite()!;
                BitConverter.TryWriteBytes(slot, i);
                queue.Commit(4, MessageKind.Telemetry);
            }
        });
        producer.Start();
        while (producer.IsAlive || queue.Count > 0)
        {
            if (queue.Peek(out var payload, out _, out _))
            {
                received.Add(BitConverter.ToInt32(payload));
                queue.Complete(true);
            }
        }

        producer.Join();
        Assert.Equal(total, received.Count + queue.TelemetryDropped);
        for (int i = 1; i < received.Count; i++)
            Assert.True(received[i] > received[i - 1], "order kept, no message duplicated or torn");
    }
}
