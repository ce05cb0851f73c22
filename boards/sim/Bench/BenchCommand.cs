using System.Diagnostics;
using System.Globalization;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim.Pack;

namespace nanoFramework.BMS.Sim.Bench;

/// <summary>
/// `bms-sim bench`: how much faster than real time the simulated board runs in virtual time,
/// firmware included, and where a step's time goes. A measuring command, not a test: the
/// machine it runs on decides the numbers, so they are reported, not asserted.
/// </summary>
public static class BenchCommand
{
    public const string Usage = """
        Usage: dotnet run -c Release --project boards/sim -- bench [--cells N] [--rate HZ] [--hours H] [--repeat N]

        Runs a pack (default 16 cells, 8 thermistors, NMC, 100 Hz) through charge and discharge
        cycles with the contactor closed, in virtual time on one thread, and prints the wall time
        per simulated hour, the speed-up over real time and a breakdown of one step.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        int cells = 16, rateHz = 100, repeat = 3;
        double hours = 1;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string name = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
                switch (name)
                {
                    case "--cells": cells = ParseInt(name, Value(), PackProfile.MinCells, PackProfile.MaxCells); break;
                    case "--rate": rateHz = ParseInt(name, Value(), PackProfile.MinSampleRateHz, PackProfile.MaxSampleRateHz); break;
                    case "--repeat": repeat = ParseInt(name, Value(), 1, 100); break;
                    case "--hours": hours = double.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--help": output.WriteLine(Usage); return 0;
                    default: throw new ArgumentException($"unknown option '{name}'");
                }
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            error.WriteLine($"bms-sim bench: {e.Message}");
            return 2;
        }

        var config = new SimBoardConfig { Cells = cells, Thermistors = Math.Min(8, cells), SampleRateHz = rateHz, CapacityAh = 3, InitialSoc = 0.5, Seed = 1 };
        long simulatedMs = (long)(hours * 3600_000);
        long steps = simulatedMs / config.Profile().PeriodMs;
        output.WriteLine($"bench: {cells} cells, {config.Thermistors} thermistors, NMC, {rateHz} Hz, {hours:0.##} simulated h ({steps:N0} steps) per run, {Environment.ProcessorCount} cores seen, one used");

        var wallSeconds = new List<double>();
        var cpuSeconds = new List<double>();
        for (int r = 0; r < repeat; r++)
        {
            var board = ClosedBoard(config);
            double cpuStart = ThreadCpuClock.Seconds();
            var wall = Stopwatch.StartNew();
            board.RunFor(simulatedMs);
            wall.Stop();
            double cpu = ThreadCpuClock.Seconds() - cpuStart;
            if (board.Firmware.Faults.AnyLatched || !board.Pack.ContactorClosed)
                throw new InvalidOperationException("the bench pack tripped; the numbers would not be a normal run's");
            wallSeconds.Add(wall.Elapsed.TotalSeconds / hours);
            cpuSeconds.Add(cpu / hours);
            output.WriteLine($"  run {r + 1}: {wall.Elapsed.TotalSeconds:0.000} s wall, {cpu:0.000} s CPU of this thread, {simulatedMs / 1000.0 / wall.Elapsed.TotalSeconds:N0}x real time by the wall clock");
        }

        wallSeconds.Sort();
        cpuSeconds.Sort();
        double best = wallSeconds[0], median = wallSeconds[wallSeconds.Count / 2];
        double bestCpu = cpuSeconds[0], medianCpu = cpuSeconds[cpuSeconds.Count / 2];
        output.WriteLine($"one simulated hour: wall best {best:0.000} s, median {median:0.000} s; thread CPU best {bestCpu:0.000} s, median {medianCpu:0.000} s");
        output.WriteLine($"speed-up over real time: {3600 / best:N0}x by the wall clock, {3600 / bestCpu:N0}x by CPU time (target: 10,000x, 0.36 s per simulated hour)");
        output.WriteLine($"per step: {bestCpu / (3600.0 * rateHz) * 1e6:0.00} µs of CPU");
        Breakdown(config, output);
        return 0;
    }

    /// <summary>Times each part of a step on its own, over the same number of steps.</summary>
    private static void Breakdown(SimBoardConfig config, TextWriter output)
    {
        const int Steps = 200_000;
        var board = ClosedBoard(config);
        double seconds = board.Profile.PeriodMs / 1000.0;
        var firmware = board.Firmware;
        var sensor = board.CurrentSensor;

        output.WriteLine($"breakdown over {Steps:N0} steps (µs of CPU per step):");
        Row(output, "pack physics (PackModel.Step)", Steps, () => board.Pack.Step(seconds));
        Row(output, "cell ADC, every channel", Steps, () =>
        {
            for (int c = 0; c < config.Cells; c++)
                board.CellAdc.ReadCounts(c);
        });
        Row(output, "thermistor ADC, every channel", Steps, () =>
        {
            for (int c = 0; c < config.Thermistors; c++)
                board.ThermistorAdc.ReadCounts(c);
        });
        Row(output, "INA219 conversion and read (binding)", Steps, () =>
        {
            board.Ina219.Convert();
            sensor.Read(out _, out _);
        });
        Row(output, "firmware cycle (sensors included)", Steps, () =>
        {
            board.Clock.NowMs += board.Profile.PeriodMs;
            firmware.RunCycle();
        });
        Row(output, "whole board step", Steps, board.Step);

        // The firmware alone: every port answers a constant at once. Cell counts of about 3.7 V
        // and thermistors near 25 °C (mid-scale), so nothing trips.
        var ports = new ConstantPorts(3080, 3700f * config.Cells);
        var profile = config.Profile();
        var bare = new PackController(profile, ports.Ports());
        Row(output, "firmware cycle alone (constant ports)", Steps, () =>
        {
            ports.NowMs += profile.PeriodMs;
            bare.RunCycle();
        });
    }

    private static void Row(TextWriter output, string name, int steps, Action step)
    {
        for (int i = 0; i < steps / 10; i++)
            step();
        double start = ThreadCpuClock.Seconds();
        for (int i = 0; i < steps; i++)
            step();
        double cpu = ThreadCpuClock.Seconds() - start;
        output.WriteLine($"  {name,-40} {cpu * 1e6 / steps,7:0.000}");
    }

    private static SimBoard ClosedBoard(SimBoardConfig config)
    {
        var board = new SimBoard(config);
        board.Pack.Load = new CyclerLoad(0.5 * config.CapacityAh, 4.15, 1.0 * config.CapacityAh, 3.2, 60);
        board.Step();
        if (board.Firmware.RequestClose() is { } refusal)
            throw new InvalidOperationException($"the bench pack would not close: {refusal}");
        board.RunFor(10_000);
        return board;
    }

    private static int ParseInt(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}, got '{value}'");
}
