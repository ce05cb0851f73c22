using System.Text;
using nanoFramework.BMS.Config;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

public class ConsoleFuzzTests
{
    private static readonly string[] NearMisses =
    [
        "statu", "contactor clos", "cells  ", "  help", "faults x", "CLEAR", "contactor\tclose", "log -1", "log show", "log show x",
        "config", "config get", "config set pack.cells", "config set pack.cells 99", "config get pack.cellz", "calibrate cell 0 3.7",
        "calibrate cell 1 9e9", "calibrate current", "login", "login 12345678901234567890", "uplink", "uplink start", "version 2",
        "selftest now", "help help help", "temps 1", "current zero", "log 65", "config set console.pin abc", "logout now",
    ];

    [Fact]
    public void AMillionRandomAndMalformedLinesNeverThrowAndEachGetsAnAnswer()
    {
        var board = new FakeBoard(factoryPin: "1234");
        board.Step(5);
        var random = new Random(20261125);
        var line = new byte[400];
        const int lines = 1_000_000;
        long answered = 0;
        long writesBefore = board.Console.Writes;
        var batch = new List<byte>(8192);
        int batchLines = 0;
        for (int i = 0; i < lines; i++)
        {
            int length = Generate(random, line);
            batch.AddRange(line.AsSpan(0, length).ToArray());
            batch.Add((byte)'\n');
            batchLines++;

            // Feed lines one cycle at a time in small groups: the console answers each in the cycle
            // it completes, so a cycle with N lines must produce N answers.
            if (batchLines == 4 || i == lines - 1)
            {
                board.Console.Feed(batch.ToArray());
                long before = board.Console.Writes;
                while (board.Console.Pending > 0)
                    board.Step();
                long writes = board.Console.Writes - before;
                Assert.True(writes >= batchLines, $"lines {i - batchLines + 1}-{i}: {writes} answers for {batchLines} lines");
                answered += batchLines;
                batch.Clear();
                batchLines = 0;
            }
        }

        Assert.Equal(lines, answered);
        Assert.False(board.Firmware.Faults.Get(FaultId.InternalError).Latched, "an exception escaped the console");
        Assert.True(board.Console.Writes - writesBefore >= lines);
    }

    [Fact]
    public void NoiseAtTheConsoleAllocatesNothing()
    {
        var board = new FakeBoard(factoryPin: "1234");
        board.Step(5);
        var random = new Random(7);
        var line = new byte[400];
        var stream = new List<byte>();
        for (int i = 0; i < 20_000; i++)
        {
            int length = Generate(random, line);
            stream.AddRange(line.AsSpan(0, length).ToArray());
            stream.Add((byte)'\n');
        }

        // A first pass runs every path once (a static table is built on its first use, as on
        // the device at start-up); the second pass is measured.
        byte[] noise = stream.ToArray();
        board.Console.Feed(noise);
        while (board.Console.Pending > 0)
            board.Step();
        board.Console.Feed(noise);
        long before = GC.GetAllocatedBytesForCurrentThread();
        while (board.Console.Pending > 0)
            board.Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(board.Console.Writes > 2 * 19_000);
    }

    /// <summary>Random bytes, very long lines, control characters, near-miss commands; never a blank line.</summary>
    private static int Generate(Random random, byte[] line)
    {
        int kind = random.Next(5);
        int length;
        switch (kind)
        {
            case 0:
                string near = NearMisses[random.Next(NearMisses.Length)];
                length = Encoding.ASCII.GetBytes(near, line);
                break;
            case 1:
                length = random.Next(81, line.Length);
                for (int i = 0; i < length; i++)
                    line[i] = (byte)random.Next(0x21, 0x7F);
                break;
            case 2:
                length = random.Next(1, 60);
                for (int i = 0; i < length; i++)
                    line[i] = (byte)random.Next(0, 0x20);
                break;
            default:
                length = random.Next(1, 120);
                random.NextBytes(line.AsSpan(0, length));
                break;
        }

        // Line ends inside the line would split it; and a visible first character keeps it from being blank.
        for (int i = 0; i < length; i++)
        {
            if (line[i] is (byte)'\r' or (byte)'\n' or 0x08 or 0x7F)
                line[i] = (byte)'x';
        }

        if (kind == 2 || line[0] < 0x21 || line[0] >= 0x7F)
            line[0] = (byte)'q';
        return length;
    }
}

public class TechnicianSecretTests
{
    [Fact]
    public void ThePinIsStoredAsASaltedHashNeverInTheClear()
    {
        var storageA = new FakeStorage();
        var storageB = new FakeStorage();
        var a = new FakeBoard(storage: storageA, factoryPin: "1234");
        var b = new FakeBoard(storage: storageB, factoryPin: "1234");
        foreach (var board in new[] { a, b })
        {
            board.Step();
            board.Console.Feed(Encoding.ASCII.GetBytes("login 1234\nconfig set console.pin 97531\nconfig save\n"));
            board.Step(3);
        }

        byte[] slotA = storageA.Blob(ConfigStore.SlotB.Length > 0 && HasBlob(storageA, ConfigStore.SlotA) ? ConfigStore.SlotA : ConfigStore.SlotB);
        byte[] slotB = storageB.Blob(HasBlob(storageB, ConfigStore.SlotA) ? ConfigStore.SlotA : ConfigStore.SlotB);
        Assert.Equal(-1, slotA.AsSpan().IndexOf("97531"u8));
        var secretA = a.Firmware.Config.Active.Secret;
        var secretB = b.Firmware.Config.Active.Secret;
        Assert.NotEqual(secretA.Salt, secretB.Salt);
        Assert.NotEqual(secretA.Hash, secretB.Hash);
        Assert.NotEqual(-1, slotA.AsSpan().IndexOf(secretA.Hash));
        Assert.NotEqual(-1, slotB.AsSpan().IndexOf(secretB.Hash));

        // And it works after a restart from the stored configuration.
        var ports = a.Ports();
        var restarted = PackController.Boot(a.Profile, ports);
        Assert.False(restarted.Config.Active.Secret.IsFactoryDefault);
        Assert.Equal(secretA.Hash, restarted.Config.Active.Secret.Hash);
    }

    private static bool HasBlob(FakeStorage storage, string name) => storage.Read(name, new byte[4096]) > 0;
}
