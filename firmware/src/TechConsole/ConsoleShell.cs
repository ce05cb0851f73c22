using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;

namespace nanoFramework.BMS.TechConsole
{
    /// <summary>
    /// The technician's command line. Every line gets exactly one response; every malformed line
    /// gets a one-line error. Works on preallocated buffers only, so typing never allocates.
    /// Cells and sensors are numbered from 1 here, as printed on the pack.
    /// </summary>
    public sealed class ConsoleShell
    {
        public const int MaxLineLength = 80;
        private const int MaxBytesPerPoll = 256;
        private const string NewLine = "\r\n";

        private readonly IConsolePort _port;
        private readonly PackController _controller;
        private readonly LineReader _reader = new LineReader(MaxLineLength);
        private readonly CommandLine _command = new CommandLine();
        private readonly byte[] _input = new byte[64];
        private readonly AsciiWriter _out;

        public ConsoleShell(IConsolePort port, PackController controller, int cells)
        {
            _port = port;
            _controller = controller;
            // The longest answers: the self-test report (one line per limit row), the cells
            // table (one line per cell) and the faults table (one line per fault id).
            _out = new AsciiWriter(4096 + cells * 82);
        }

        /// <summary>Reads what the port has (bounded per call) and answers every complete line.</summary>
        public void Poll()
        {
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
            if (_out.Length > 0)
                _port.Write(_out.Buffer, 0, _out.Length);
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

            if (_command.Is(0, "help"))
            {
                if (NoArguments(1, "help"))
                    Help();
            }
            else if (_command.Is(0, "status"))
            {
                if (NoArguments(1, "status"))
                    Status();
            }
            else if (_command.Is(0, "cells"))
            {
                if (NoArguments(1, "cells"))
                    Cells();
            }
            else if (_command.Is(0, "faults"))
            {
                if (NoArguments(1, "faults"))
                    Faults();
            }
            else if (_command.Is(0, "clear"))
            {
                if (NoArguments(1, "clear"))
                    Clear();
            }
            else if (_command.Is(0, "selftest"))
            {
                if (NoArguments(1, "selftest"))
                    SelfTest();
            }
            else if (_command.Is(0, "contactor"))
            {
                Contactor();
            }
            else
            {
                _out.Append("error: unknown command '");
                _out.AppendPrintable(_command.Text, _command.Start(0), _command.WordLength(0));
                _out.Append("'; type help for the commands");
                _out.Append(NewLine);
            }
        }

        private bool NoArguments(int expectedWords, string name)
        {
            if (_command.WordCount == expectedWords)
                return true;
            _out.Append("error: ");
            _out.Append(name);
            _out.Append(" takes no arguments");
            _out.Append(NewLine);
            return false;
        }

        private void Error(string message)
        {
            _out.Append("error: ");
            _out.Append(message);
            _out.Append(NewLine);
        }

        private void Line(string text)
        {
            _out.Append(text);
            _out.Append(NewLine);
        }

        private void Help()
        {
            Line("commands:");
            Line("  help              this list");
            Line("  status            pack state at a glance");
            Line("  cells             cell voltages, lowest and highest marked");
            Line("  faults            latched faults with value, place and time");
            Line("  clear             unlatch faults whose condition is gone");
            Line("  selftest          run the power-on self-test again, one line per check");
            Line("  contactor open    open the contactor (always allowed)");
            Line("  contactor close   precharge, then close (refused while a fault is latched)");
        }

        private void Status()
        {
            Sample s = _controller.Sample;
            _out.Append("contactor  ");
            Line(ContactorStateNames.Name(_controller.ContactorState));
            _out.Append("faults     ");
            _out.Append(_controller.Faults.LatchedCount);
            _out.Append(" latched, ");
            _out.Append(_controller.Limits.Alarms);
            _out.Append(" alarm(s), ");
            _out.Append(_controller.Limits.Warnings);
            Line(" warning(s)");
            _out.Append("limits     charge ");
            _out.AppendFixed(_controller.CurrentLimits.ChargeLimitAmps, 2);
            _out.Append(" A  discharge ");
            _out.AppendFixed(_controller.CurrentLimits.DischargeLimitAmps, 2);
            Line(" A");
            _out.Append("sample     #");
            _out.Append(s.Sequence);
            _out.Append(" at ");
            _out.Append(s.TimeMs);
            Line(" ms");
            _out.Append("pack       ");
            if (s.CurrentValid)
            {
                _out.AppendFixed(s.PackMillivolts / 1000f, 3);
                _out.Append(" V  ");
                _out.AppendFixed(s.PackAmps, 3);
                Line(" A (+ charging)");
            }
            else
            {
                Line("current sensor not answering");
            }

            _out.Append("cells      min ");
            _out.AppendFixed(s.MinCellMillivolts, 0);
            _out.Append(" mV (cell ");
            _out.Append(s.MinCellIndex + 1);
            _out.Append(")  max ");
            _out.AppendFixed(s.MaxCellMillivolts, 0);
            _out.Append(" mV (cell ");
            _out.Append(s.MaxCellIndex + 1);
            Line(")");
            _out.Append("temps      min ");
            _out.AppendFixed(s.MinCelsius, 1);
            _out.Append(" C (sensor ");
            _out.Append(s.MinCelsiusIndex + 1);
            _out.Append(")  max ");
            _out.AppendFixed(s.MaxCelsius, 1);
            _out.Append(" C (sensor ");
            _out.Append(s.MaxCelsiusIndex + 1);
            Line(")");
        }

        private void Cells()
        {
            Sample s = _controller.Sample;
            Line("cell      mV");
            for (int i = 0; i < s.CellMillivolts.Length; i++)
            {
                _out.AppendPadded(i + 1, 4);
                _out.AppendFixedPadded(s.CellMillivolts[i], 0, 8);
                if (i == s.MaxCellIndex)
                    _out.Append("  < highest");
                else if (i == s.MinCellIndex)
                    _out.Append("  < lowest");
                _out.Append(NewLine);
            }
        }

        private void Faults()
        {
            FaultLatch latch = _controller.Faults;
            if (!latch.AnyLatched)
            {
                Line("no faults latched");
                return;
            }

            Line("fault                    code      value unit   where        at ms  condition");
            for (int code = 0; code < latch.Capacity; code++)
            {
                FaultRecord record = latch.At(code);
                if (!record.Latched)
                    continue;
                _out.AppendPaddedRight(FaultNames.Name(record.Id), 24);
                _out.AppendPadded(code, 5);
                _out.AppendFixedPadded(record.Value, 3, 11);
                _out.Append(' ');
                _out.AppendPaddedRight(record.Unit, 6);
                _out.Append(' ');
                AppendWhere(record);
                _out.AppendPadded(record.TimeMs, 10);
                _out.Append(record.ConditionActive ? "  active" : "  gone");
                _out.Append(NewLine);
                if (record.Detail != null)
                {
                    _out.Append("  detail: ");
                    Line(record.Detail);
                }
            }
        }

        /// <summary>"cell 3", "sensor 2" or "pack", padded to 9 columns.</summary>
        private void AppendWhere(FaultRecord record)
        {
            int start = _out.Length;
            string kind = _controller.Rules.IndexKindOf(record.Id);
            if (record.Index >= 0 && kind.Length > 0)
            {
                _out.Append(kind);
                _out.Append(' ');
                _out.Append(record.Index + 1);
            }
            else
            {
                _out.Append("pack");
            }

            for (int i = _out.Length - start; i < 8; i++)
                _out.Append(' ');
        }

        private void SelfTest()
        {
            string failed = _controller.RunSelfTest(_out);
            if (failed == null)
            {
                Line("self-test passed");
                return;
            }

            _out.Append("error: self-test failed at ");
            Line(failed);
        }

        private void Clear()
        {
            int remaining = _controller.ClearFaultsAtConsole();
            if (remaining == 0)
            {
                Line("faults cleared");
                return;
            }

            _out.Append("error: ");
            _out.Append(remaining);
            Line(" fault(s) still latched: condition not gone (see faults)");
        }

        private void Contactor()
        {
            if (_command.WordCount != 2 || !(_command.Is(1, "open") || _command.Is(1, "close")))
            {
                Error("contactor expects open or close");
                return;
            }

            if (_command.Is(1, "open"))
            {
                _controller.OpenContactor();
                Line("contactor open");
                return;
            }

            string refusal = _controller.RequestClose();
            if (refusal == null)
            {
                Line("contactor closing: precharge started");
                return;
            }

            _out.Append("error: contactor close refused: ");
            Line(refusal);
        }
    }
}
