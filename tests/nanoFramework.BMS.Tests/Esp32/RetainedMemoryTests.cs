using System.Reflection;
using nanoFramework.BMS.Esp32.Board;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Tests.Fakes;
using nanoFramework.BMS.Uplink;
using Xunit.Abstractions;

namespace nanoFramework.BMS.Tests.Esp32;

/// <summary>
/// Measurements of the whole process's heap: run alone, after the parallel tests, so no other
/// test allocates while they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurements
{
    public const string Name = "heap measurements";
}

/// <summary>
/// What the firmware keeps on the heap once it has started, as the ESP32 board starts it: a
/// 16-cell, 8-thermistor pack, the MQTT uplink with the board's settings and its queues at
/// their configured size, no local IUplink. An ESP32 without PSRAM has 50-80 KB of managed heap
/// for everything, M2Mqtt, TLS buffers and the board's adapters included; the firmware gets 24 KB.
/// </summary>
[Collection(HeapMeasurements.Name)]
public class RetainedMemoryTests(ITestOutputHelper output)
{
    private const int BudgetBytes = 24 * 1024;

    /// <summary>
    /// What the console builds at a technician's first commands and then keeps (the config keys,
    /// a log entry, the PIN hasher): not in the start-up number, held here so it cannot grow
    /// unnoticed (docs/esp32.md, "Memory").
    /// </summary>
    private const int ConsoleBuiltCeilingBytes = 1_100;

    /// <summary>Controllers built per measurement: GC.GetTotalMemory moves in steps of its allocation context, so a few KB on one controller.</summary>
    private const int Controllers = 16;

    [Fact]
    public void AStartedEsp32ControllerRetainsAtMost24KB()
    {
        var board = Esp32BoardConfig.DevKitC();
        Assert.Equal(16, board.Cells);
        Assert.Equal(8, board.Thermistors);
        GC.KeepAlive(Start(board, Ports(board)));

        long perController = long.MaxValue;
        for (int round = 0; round < 4; round++)
            perController = Math.Min(perController, MeasureRetainedBytes(board));

        // Where it goes, and what the same objects take in nanoCLR's layout.
        var ports = Ports(board);
        var controller = Start(board, ports);
        var walk = Walk(controller, ports);
        var statics = StaticData();

        // Running adds nothing to the firmware's objects; a technician's first commands add what
        // the console builds at first use (the fake ports, which keep what is written, are left out).
        int periodMs = 1000 / board.SampleRateHz;
        Run(controller, ports, 2 * board.SampleRateHz, periodMs);
        long running = Walk(controller, ports).HostBytes - walk.HostBytes;
        var console = (FakeConsole)ports.Console!;
        console.Feed(System.Text.Encoding.ASCII.GetBytes("login " + board.FactoryPin + "\nconfig get pack.cells\nlog\n"));
        while (console.Pending > 0)
            Run(controller, ports, 1, periodMs);
        var used = Walk(controller, ports);
        var staticsAfter = StaticData();
        long consoleBuilt = used.HostBytes - walk.HostBytes - running + staticsAfter.HostBytes - statics.HostBytes;
        long consoleBuiltNanoClr = used.NanoClrBytes - walk.NanoClrBytes + staticsAfter.NanoClrBytes - statics.NanoClrBytes;

        output.WriteLine($"retained by one started controller (GC.GetTotalMemory, {Controllers} at once): {perController:N0} bytes");
        output.WriteLine($"with its static data: {perController + statics.HostBytes:N0} bytes of the {BudgetBytes:N0} budget");
        output.WriteLine($"the same objects walked: {walk.HostBytes:N0} bytes on .NET, {walk.NanoClrBytes:N0} in nanoCLR's layout");
        output.WriteLine($"static data of the firmware: {statics.HostBytes:N0} bytes on .NET, {statics.NanoClrBytes:N0} in nanoCLR's layout");
        output.WriteLine($"after two seconds of cycles: {running:+#,0;-#,0;0} bytes; after a technician's login, config get and log: {consoleBuilt:+#,0;-#,0;0} bytes on .NET ({consoleBuiltNanoClr:+#,0;-#,0;0} in nanoCLR's layout)");
        output.WriteLine("   .NET  nanoCLR objects  field");
        foreach (var g in walk.Groups.Concat(statics.Groups).Where(g => g.Host + g.NanoClr > 0).OrderByDescending(g => g.Host))
            output.WriteLine($"{g.Host,7:N0} {g.NanoClr,7:N0} {g.Objects,7}  {g.Group}");

        // .NET's headers are larger than nanoCLR's, but nanoCLR gives every field a 12-byte
        // block: for this firmware's many small objects its layout comes out larger (see the
        // walk above and docs/esp32.md), so the host number is not an upper bound of the device's.
        Assert.True(perController + statics.HostBytes <= BudgetBytes, $"with its static data ({statics.HostBytes:N0} bytes) a started controller retains {perController + statics.HostBytes:N0} bytes, over the budget of {BudgetBytes:N0}");
        Assert.Equal(0, running);
        Assert.True(consoleBuilt <= ConsoleBuiltCeilingBytes, $"the console's first commands build {consoleBuilt:N0} bytes, over their ceiling of {ConsoleBuiltCeilingBytes:N0}");
    }

    /// <summary>The controller's objects, field by field, without the ports.</summary>
    private static HeapWalk Walk(PackController controller, BoardPorts ports)
    {
        var walk = new HeapWalk();
        walk.Exclude(ports);
        walk.AddObject("the PackController itself", controller);
        walk.AddObject("the MqttUplink itself", controller.Mqtt!);
        foreach (FieldInfo field in typeof(PackController).GetFields(BindingFlags.Instance | BindingFlags.NonPublic))
        {
            if (!field.FieldType.IsValueType)
                walk.Add(field.Name, field.GetValue(controller));
        }

        // The queues first, so they are counted as themselves rather than inside the producer that fills them.
        foreach (FieldInfo field in typeof(MqttUplink).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).OrderBy(f => f.FieldType == typeof(MessageQueue) ? 0 : 1))
        {
            if (!field.FieldType.IsValueType)
                walk.Add("mqtt." + field.Name, field.GetValue(controller.Mqtt));
        }

        return walk;
    }

    private static void Run(PackController controller, BoardPorts ports, int cycles, int periodMs)
    {
        for (int c = 0; c < cycles; c++)
        {
            ((FakeClock)ports.Clock!).NowMs += periodMs;
            controller.RunCycle();
            controller.Mqtt!.Service();
        }
    }

    /// <summary>GC.GetTotalMemory(true) before and after starting controllers that are then kept alive, per controller.</summary>
    private static long MeasureRetainedBytes(Esp32BoardConfig board)
    {
        var ports = new BoardPorts[Controllers];
        for (int i = 0; i < ports.Length; i++)
            ports[i] = Ports(board);
        var controllers = new PackController[Controllers];
        long before = GC.GetTotalMemory(true);
        for (int i = 0; i < controllers.Length; i++)
            controllers[i] = Start(board, ports[i]);
        long after = GC.GetTotalMemory(true);
        GC.KeepAlive(controllers);
        GC.KeepAlive(ports);
        return (after - before) / Controllers;
    }

    /// <summary>
    /// What Program.Main hands to PackController.Boot, the board's configuration objects
    /// included (they become the firmware's), on ports that keep nothing of their own.
    /// </summary>
    private static PackController Start(Esp32BoardConfig board, BoardPorts ports)
    {
        ports.MqttSettings = board.UplinkDefaults();
        return PackController.Boot(board.DefaultProfile(), ports);
    }

    private static BoardPorts Ports(Esp32BoardConfig board)
    {
        var cells = new FakeAnalogInputs(board.Cells, FakeBoard.NormalCellCounts);
        var current = new FakeCurrentSensor(cells);
        var contactor = new FakeOutput();
        var precharge = new FakeOutput();
        return new BoardPorts
        {
            Clock = new FakeClock(),
            CellInputs = cells,
            ThermistorInputs = new FakeAnalogInputs(board.Thermistors, FakeBoard.RoomTemperatureCounts),
            CurrentSensor = current,
            LinkVoltageInput = new FakeLinkInput(current, contactor, precharge),
            Contactor = contactor,
            Precharge = precharge,
            Console = new FakeConsole(),
            Storage = new FakeStorage(),
            Watchdog = new FakeWatchdog(),
            Mqtt = new FakeMqttTransport { Record = false },
            FactoryPin = board.FactoryPin,
            DeviceSerial = "a4cf12345678",
        };
    }

    /// <summary>Everything the firmware's static fields hold: tables, names, constants built at first use.</summary>
    private static HeapWalk StaticData()
    {
        var walk = new HeapWalk();
        foreach (Type type in typeof(PackController).Assembly.GetTypes())
        {
            if (type.ContainsGenericParameters)
                continue;
            foreach (FieldInfo field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.IsLiteral && !field.FieldType.IsValueType)
                    walk.Add("static " + type.Name + "." + field.Name, field.GetValue(null));
            }
        }

        return walk;
    }
}
