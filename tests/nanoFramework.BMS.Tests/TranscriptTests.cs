using System.Text;
using nanoFramework.BMS.Tests.Fakes;

namespace nanoFramework.BMS.Tests;

/// <summary>
/// Console transcripts: each file in Transcripts/ is a session, lines starting "> " are typed,
/// the lines after them are the exact answer; "> #wait MS" and "> #cell N MV" are directives. The board is the fake one, so every value is
/// fixed: 4 cells at 3700 mV, two sensors at 25 °C, no current, NMC, 100 Hz, factory PIN 1234.
/// Set UPDATE_TRANSCRIPTS=1 to rewrite the files from what the console answers (then read
/// the diff before committing it).
/// </summary>
public class TranscriptTests
{
    public static IEnumerable<object[]> Files() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Transcripts"), "*.txt").Order().Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Files))]
    public void TheConsoleAnswersExactlyAsTranscribed(string file)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Transcripts", file);
        string[] lines = File.ReadAllText(path).Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        var board = new FakeBoard(factoryPin: "1234");
        board.Step(10);
        board.Console.TakeText();
        var actual = new StringBuilder();
        foreach (string line in lines)
        {
            if (!line.StartsWith("> "))
                continue;
            string input = line[2..];
            // Directives: "#wait MS" lets time pass; "#cell N MV" sets what cell N's channel reads.
            if (input.StartsWith('#'))
            {
                string[] words = input.Split(' ');
                if (words[0] == "#wait")
                    board.Step(int.Parse(words[1]) / board.Profile.PeriodMs);
                else if (words[0] == "#cell")
                    board.Cells.Counts[int.Parse(words[1]) - 1] = FakeBoard.CellCounts(float.Parse(words[2], System.Globalization.CultureInfo.InvariantCulture));
                else
                    throw new InvalidOperationException($"{file}: unknown directive {words[0]}");
                actual.Append(line).Append('\n');
                continue;
            }

            board.Console.Feed(Encoding.ASCII.GetBytes(input + "\r\n"));
            board.Step();
            actual.Append(line).Append('\n');
            actual.Append(board.Console.TakeText().Replace("\r\n", "\n"));
        }

        string expected = string.Join("\n", lines) + "\n";
        if (Environment.GetEnvironmentVariable("UPDATE_TRANSCRIPTS") == "1")
        {
            string source = Path.Combine(SafetyScenarioTests.RepoRoot(), "tests", "nanoFramework.BMS.Tests", "Transcripts", file);
            File.WriteAllText(source, actual.ToString());
            return;
        }

        Assert.Equal(expected, actual.ToString());
    }

    [Fact]
    public void EveryCommandHasATranscript()
    {
        string all = string.Join("\n", Files().Select(f => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Transcripts", (string)f[0]))));
        foreach (string noun in new[] { "help", "status", "cells", "temps", "current", "soc", "faults", "clear", "contactor", "log", "config", "calibrate", "uplink", "version", "selftest", "login", "logout" })
            Assert.Contains("\n> " + noun, "\n" + all);
    }
}
