using nanoFramework.BMS.Ports;

namespace nanoFramework.BMS.TechConsole
{
    /// <summary>
    /// The technician's command line, one grammar throughout: `noun verb args`. Every line gets
    /// an answer; every malformed line a one-line error saying what was expected. Reading is open
    /// to anyone at the port; changing anything needs `login`. Works in fixed buffers only, so
    /// typing never allocates (saving or loading configuration aside), and output streams through
    /// a small buffer, flushed as it fills. Cells and sensors are numbered from 1, as printed on
    /// the pack.
    /// </summary>
    public sealed partial class ConsoleShell
    {
        public const int MaxLineLength = 80;
        private const int MaxBytesPerPoll = 256;

        /// <summary>Output streams through this buffer to the port, so it only sets the size of a write, not of an answer.</summary>
        private const int OutputBytes = 256;
        private const string NewLine = "\r\n";

        private readonly IConsolePort _port;
        private readonly PackController _controller;
        private readonly TechnicianSession _session;
        private readonly LineReader _reader = new LineReader(MaxLineLength);
        private readonly CommandLine _command = new CommandLine();
        private readonly byte[] _input = new byte[64];
        private readonly AsciiWriter _out = new AsciiWriter(OutputBytes);
        private long _nowMs;

        public ConsoleShell(IConsolePort port, PackController controller, TechnicianSession session)
        {
            _port = port;
            _controller = controller;
            _session = session;
            _out.Sink = port;
        }

        /// <summary>Reads what the port has (bounded per call) and answers every complete line.</summary>
        public void Poll(long nowMs)
        {
            _nowMs = nowMs;
            int budget = MaxBytesPerPoll;
            while (budget > 0)
            {
                int count = _port.Read(_input, 0, _input.Length < budget ? _input.Length : budget);
                if (count <= 0)
                    return;
                budget -= count;
                for (int i = 0; i < count; i++)
                {
                    if (_reader.Feed(_input[i]))
                    {
                        HandleLine();
                        _reader.Reset();
                    }
                }
            }
        }

        private void HandleLine()
        {
            _out.Clear();
            Respond();
            Flush();
        }

        private void Flush()
        {
            _out.Drain();
            _out.Clear();
        }

        private void Respond()
        {
            if (_reader.TooLong)
            {
                Error("line longer than 80 characters, ignored");
                return;
            }

            if (_reader.HadBinary)
            {
                Error("line holds non-text bytes, ignored");
                return;
            }

            _command.Parse(_reader.Line, _reader.Length);
            if (_command.WordCount == 0)
                return;
            if (_command.TooManyWords)
            {
                Error("too many words; type help for the commands");
                return;
            }

            // A command counts as activity only while logged in: it keeps the session alive.
            if (_session.IsLoggedIn(_nowMs))
                _session.Touch(_nowMs);
            Dispatch();
        }

        private void Dispatch()
        {
            if (_command.Is(0, "help"))
                Help();
            else if (_command.Is(0, "status"))
                Status();
            else if (_command.Is(0, "cells"))
                Cells();
            else if (_command.Is(0, "temps"))
                Temps();
            else if (_command.Is(0, "current"))
                Current();
            else if (_command.Is(0, "soc"))
                Soc();
            else if (_command.Is(0, "faults"))
                Faults();
            else if (_command.Is(0, "clear"))
                Clear();
            else if (_command.Is(0, "contactor"))
                Contactor();
            else if (_command.Is(0, "log"))
                Log();
            else if (_command.Is(0, "config"))
                Config();
            else if (_command.Is(0, "calibrate"))
                Calibrate();
            else if (_command.Is(0, "uplink"))
                Uplink();
            else if (_command.Is(0, "version"))
                Version();
            else if (_command.Is(0, "selftest"))
                SelfTest();
            else if (_command.Is(0, "login"))
                Login();
            else if (_command.Is(0, "logout"))
                Logout();
            else
            {
                _out.Append("error: unknown command '");
                _out.AppendPrintable(_command.Text, _command.Start(0), _command.WordLength(0));
                Line("'; type help for the commands");
            }
        }

        /// <summary>True when the line has exactly this many words; otherwise prints the usage as the error.</summary>
        private bool Words(int count)
        {
            if (_command.WordCount == count)
                return true;
            UsageError();
            return false;
        }

        private void UsageError()
        {
            _out.Append("error: usage: ");
            Line(CommandHelp.Usage(CommandHelp.Find(_command, 0)));
        }

        /// <summary>Changing commands: true when a technician is logged in, else says why not.</summary>
        private bool Authorised()
        {
            if (_session.IsLoggedIn(_nowMs))
                return true;
            Error("login first: this command changes the pack");
            return false;
        }

        private void Error(string message)
        {
            _out.Append("error: ");
            Line(message);
        }

        private void Line(string text)
        {
            _out.Append(text);
            EndLine();
        }


        /// <summary>Ends a line; padding that ended up last is dropped, so no line ends in spaces.</summary>
        private void EndLine()
        {
            while (_out.Length > 0 && _out.Buffer[_out.Length - 1] == (byte)' ')
                _out.Length--;
            _out.Append(NewLine);
        }

        private void Help()
        {
            if (_command.WordCount > 2)
            {
                UsageError();
                return;
            }

            if (_command.WordCount == 2)
            {
                int topic = CommandHelp.Find(_command, 1);
                if (topic < 0)
                {
                    _out.Append("error: no command '");
                    _out.AppendPrintable(_command.Text, _command.Start(1), _command.WordLength(1));
                    Line("'; type help for the commands");
                    return;
                }

                _out.Append("usage: ");
                Line(CommandHelp.Usage(topic));
                Line(CommandHelp.Details(topic));
                if (CommandHelp.NeedsLogin(topic))
                    Line("needs login");
                return;
            }

            Line("commands (help COMMAND for details; * needs login):");
            for (int topic = 0; topic < CommandHelp.Count; topic++)
            {
                _out.Append(CommandHelp.NeedsLogin(topic) ? " * " : "   ");
                string usage = CommandHelp.Usage(topic);
                if (usage.Length >= 33)
                {
                    // Long usages get a line of their own, so every line fits 80 columns.
                    Line(usage);
                    _out.AppendPaddedRight("", 36);
                }
                else
                {
                    _out.AppendPaddedRight(usage, 33);
                }

                Line(CommandHelp.Summary(topic));
            }
        }
    }
}
