using System.Text;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Sim;

namespace nanoFramework.BMS.Tests;

/// <summary>The console through the simulated board's console port, as a technician uses it.</summary>
public class ConsoleTests
{
    private static SimBoard Board(bool loggedIn = true)
    {
        var board = new SimBoard(new SimBoardConfig { Cells = 4, Thermistors = 2, SampleRateHz = 50 });
        board.Step();
        if (loggedIn)
            Assert.Equal("logged in; changes allowed for this session\n", Ask(board, "login " + SimBoard.FactoryPin));
        return board;
    }

    private static string Ask(SimBoard board, string line)
    {
        board.Console.Type(line);
        board.Step();
        return board.Console.TakeOutput().Replace("\r\n", "\n");
    }

    [Theory]
    [InlineData("foo", "error: unknown command 'foo'; type help for the commands\n")]
    [InlineData("contactor", "error: contactor expects open or close\n")]
    [InlineData("contactor shut", "error: contactor expects open or close\n")]
    [InlineData("contactor open now", "error: contactor expects open or close\n")]
    [InlineData("status please", "error: usage: status\n")]
    [InlineData("cells 3", "error: usage: cells\n")]
    [InlineData("a b c d e f g", "error: too many words; type help for the commands\n")]
    [InlineData("st\u0001atus", "")]
    public void MalformedLinesGetOneLineErrors(string line, string expected)
    {
        var board = Board();
        string answer = Ask(board, line);
        if (expected.Length == 0)
            Assert.StartsWith("contactor  open\n", answer); // control characters are dropped: "status"
        else
            Assert.Equal(expected, answer);
    }

    [Fact]
    public void AnOverlongLineIsRejectedAndTheNextLineWorks()
    {
        var board = Board();
        board.Console.TypeBytes(Encoding.ASCII.GetBytes(new string('x', 500) + "\nfaults\n"));
        board.Step();
        board.Step();
        string answer = board.Console.TakeOutput().Replace("\r\n", "\n");

        Assert.Equal("error: line longer than 80 characters, ignored\nno faults latched\n", answer);
    }

    [Fact]
    public void BinaryNoiseIsRejected()
    {
        var board = Board();
        board.Console.TypeBytes([0x66, 0xFF, 0xC3, 0x28, 0x0A]);
        board.Step();

        Assert.Equal("error: line holds non-text bytes, ignored\r\n", board.Console.TakeOutput());
    }

    [Fact]
    public void UnknownWordsAreEchoedOnlyAsPrintableText()
    {
        var board = Board();
        string answer = Ask(board, "\"}{");
        Assert.Equal("error: unknown command '\"}{'; type help for the commands\n", answer);
    }

    [Fact]
    public void HelpListsEveryCommand()
    {
        string answer = Ask(Board(), "HELP");
        foreach (string command in new[] { "help [command]", "status", "cells", "temps", "current", "faults", "clear", "contactor open|close", "log [n] | log show N",
                     "config show|get KEY|set KEY VALUE|save|reset", "calibrate cell N VOLTS | calibrate current zero", "uplink status", "version", "selftest", "login PIN", "logout" })
            Assert.Matches(@"(^|\n) [ *] " + System.Text.RegularExpressions.Regex.Escape(command) + @"( |\n)", answer);
        Assert.All(answer.TrimEnd('\n').Split('\n'), line => Assert.True(line.Length <= 80, line));
    }

    [Fact]
    public void CellsMarksTheLowestAndHighestCell()
    {
        var board = Board();
        board.Pack.Cells[2].Soc = 0.2;
        board.Pack.Cells[1].Soc = 0.8;
        board.Step();
        string[] lines = Ask(board, "cells").TrimEnd('\n').Split('\n');

        Assert.Equal("cell      mV", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.EndsWith("< highest", lines[2]);
        Assert.EndsWith("< lowest", lines[3]);
        Assert.StartsWith("   1    ", lines[1]);
        int millivolts = int.Parse(lines[3].Substring(4, 8));
        Assert.InRange(millivolts, board.Pack.CellVolts(2) * 1000 - 3, board.Pack.CellVolts(2) * 1000 + 3);
    }

    [Fact]
    public void ContactorCloseAndOpenFromTheConsoleDriveTheOutput()
    {
        var board = Board();
        Assert.Equal("contactor closing: precharge started\n", Ask(board, "contactor close"));
        Assert.True(board.Pack.PrechargeClosed);
        Assert.Equal("error: contactor close refused: the contactor sequence is in progress\n", Ask(board, "contactor close"));
        board.RunFor(1000);
        Assert.True(board.Pack.ContactorClosed);
        Assert.False(board.Pack.PrechargeClosed);
        Assert.Equal("error: contactor close refused: already closed\n", Ask(board, "contactor close"));
        Assert.Equal("contactor open\n", Ask(board, "contactor OPEN"));
        Assert.False(board.Pack.ContactorClosed);
    }

    [Fact]
    public void FaultsShowsTheEvidenceAndClearNeedsTheConditionGone()
    {
        var board = Board();
        Ask(board, "contactor close");
        board.RunFor(1000);
        board.Pack.Cells[3].Celsius = 70;
        board.ThermistorAdc.NoiseCounts = 0;
        board.RunFor(1000);
        string faults = Ask(board, "faults");

        string[] lines = faults.TrimEnd('\n').Split('\n');
        Assert.Equal("fault                    code      value unit   where        at ms  condition", lines[0]);
        Assert.Matches(@"^over_temperature\s+3\s+(69|70)\.\d{3} degC   sensor 2\s+\d+  active$", lines[1]);
        Assert.Equal(lines[0].IndexOf("value") + 5, lines[1].IndexOf(" degC"));
        Assert.Equal(lines[0].IndexOf("where"), lines[1].IndexOf("sensor"));
        Assert.Equal(lines[0].IndexOf("at ms") + 5, lines[1].IndexOf("  active"));
        Assert.Equal("error: 1 fault(s) still latched: condition not gone (see faults)\n", Ask(board, "clear"));
        Assert.Equal("error: contactor close refused: a fault is latched\n", Ask(board, "contactor close"));
        Assert.False(board.Pack.ContactorClosed);

        board.Pack.Cells[3].Celsius = 25;
        board.RunFor(2000);
        Assert.Equal("faults cleared\n", Ask(board, "clear"));
        Assert.Equal("contactor closing: precharge started\n", Ask(board, "contactor close"));
    }

    [Fact]
    public void StatusReportsThePack()
    {
        var board = Board();
        string status = Ask(board, "status");
        Assert.Contains("contactor  open\n", status);
        Assert.Contains("faults     0 latched, 0 alarm(s), 0 warning(s)\n", status);
        Assert.Contains("limits     charge 3.99 A  discharge 20.01 A\n", status);
        Assert.Matches(@"pack       1[45]\.\d{3} V  -?0\.0\d\d A", status);
    }

    [Fact]
    public void RandomBytesNeverThrowAndEveryLineGetsAnAnswer()
    {
        var board = Board();
        var random = new Random(42);
        string[] nearMisses = ["statu", "contactor clos", "cells  ", "  help", "faults x", "CLEAR", "contactor\tclose"];
        int lines = 0;
        for (int i = 0; i < 3000; i++)
        {
            byte[] bytes;
            if (i % 3 == 0)
            {
                bytes = Encoding.ASCII.GetBytes(nearMisses[random.Next(nearMisses.Length)]);
            }
            else
            {
                bytes = new byte[random.Next(1, 120)];
                random.NextBytes(bytes);
                for (int j = 0; j < bytes.Length; j++)
                {
                    if (bytes[j] is (byte)'\r' or (byte)'\n' or 0x08 or 0x7F)
                        bytes[j] = (byte)'x';
                }

                // At least one visible character, so the line is not blank.
                bytes[0] = (byte)'z';
            }

            board.Console.TypeBytes([.. bytes, (byte)'\n']);
            lines++;
            board.Step();
            string answer = board.Console.TakeOutput();
            Assert.False(string.IsNullOrEmpty(answer), $"no answer to line {i}");
        }

        Assert.False(board.Firmware.Faults.Get(FaultId.InternalError).Latched);
        Assert.Equal(3000, lines);
    }
}
