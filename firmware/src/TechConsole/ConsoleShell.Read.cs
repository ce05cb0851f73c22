using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Config;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.FlightRecorder;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;

namespace nanoFramework.BMS.TechConsole
{
    /// <summary>The commands that only read: open to anyone at the port.</summary>
    public sealed partial class ConsoleShell
    {
        private LogEntry _entry;

        private void Status()
        {
            if (!Words(1))
                return;
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
            _out.AppendFixed(_controller.Estimator.ChargeLimitAmps, 2);
            _out.Append(" A  discharge ");
            _out.AppendFixed(_controller.Estimator.DischargeLimitAmps, 2);
            Line(" A");
            StatusEstimates();
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
                Line(" A (+ = charging)");
            }
            else
            {
                Line("current sensor not answering");
            }

            Extremes("cells      min ", s.MinCellMillivolts, s.MinCellIndex, s.MaxCellMillivolts, s.MaxCellIndex, 0, " mV (cell ");
            Extremes("temps      min ", s.MinCelsius, s.MinCelsiusIndex, s.MaxCelsius, s.MaxCelsiusIndex, 1, " C (sensor ");
            _out.Append("session    ");
            Line(_session.IsLoggedIn(_nowMs) ? "technician logged in" : "read only (login to change)");
            if (_controller.Config.Active.Secret.IsFactoryDefault)
                Line("warning    the console PIN is the factory default: config set console.pin");
        }

        /// <summary>One status line: the lowest and the highest of a kind, each with its 1-based channel.</summary>
        private void Extremes(string label, float min, int minIndex, float max, int maxIndex, int decimals, string unitAndChannel)
        {
            _out.Append(label);
            _out.AppendFixed(min, decimals);
            _out.Append(unitAndChannel);
            _out.Append(minIndex + 1);
            _out.Append(")  max ");
            _out.AppendFixed(max, decimals);
            _out.Append(unitAndChannel);
            _out.Append(maxIndex + 1);
            Line(")");
        }

        private void Cells()
        {
            if (!Words(1))
                return;
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
                EndLine();
            }
        }

        private void Temps()
        {
            if (!Words(1))
                return;
            Sample s = _controller.Sample;
            Line("sensor  degC  rise degC/s");
            for (int i = 0; i < s.Celsius.Length; i++)
            {
                _out.AppendPadded(i + 1, 6);
                _out.AppendFixedPadded(s.Celsius[i], 1, 6);
                _out.AppendFixedPadded(i == s.MaxRiseIndex ? s.MaxRiseCelsiusPerSecond : 0f, 2, 13);
                if (i == s.MaxCelsiusIndex)
                    _out.Append("  < hottest");
                else if (i == s.MinCelsiusIndex)
                    _out.Append("  < coldest");
                EndLine();
            }
        }

        private void Current()
        {
            if (!Words(1))
                return;
            Sample s = _controller.Sample;
            _out.Append("current       ");
            if (s.CurrentValid)
            {
                _out.AppendFixed(s.PackAmps, 3);
                Line(s.PackAmps > _controller.Profile.Safety.ChargeDetectAmps ? " A (charging)" : s.PackAmps < -_controller.Profile.Safety.ChargeDetectAmps ? " A (discharging)" : " A (at rest)");
            }
            else
            {
                Line("not available (sensor not answering)");
            }

            _out.Append("pack voltage  ");
            _out.AppendFixed(s.PackMillivolts / 1000f, 3);
            _out.Append(" V  (cells sum ");
            _out.AppendFixed(s.CellSumMillivolts / 1000f, 3);
            Line(" V)");
            _out.Append("load side     ");
            _out.AppendFixed(s.LinkMillivolts / 1000f, 3);
            Line(" V");
            _out.Append("limits        charge ");
            _out.AppendFixed(_controller.Estimator.ChargeLimitAmps, 2);
            _out.Append(" A, discharge ");
            _out.AppendFixed(_controller.Estimator.DischargeLimitAmps, 2);
            Line(" A");
            _out.Append("zero offset   ");
            _out.AppendFixed(_controller.Profile.CurrentOffsetAmps, 4);
            Line(" A");
        }

        private void Faults()
        {
            if (!Words(1))
                return;
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
                AppendWhere(record.Id, record.Index);
                _out.AppendPadded(record.TimeMs, 10);
                _out.Append(record.ConditionActive ? "  active" : "  gone");
                EndLine();
                if (record.Detail != null)
                {
                    _out.Append("  detail: ");
                    Line(record.Detail);
                }
            }
        }

        /// <summary>"cell 3", "sensor 2" or "pack", padded to 8 columns.</summary>
        private void AppendWhere(FaultId id, int index)
        {
            int start = _out.Length;
            string kind = _controller.Rules.IndexKindOf(id);
            if (index >= 0 && kind.Length > 0)
            {
                _out.Append(kind);
                _out.Append(' ');
                _out.Append(index + 1);
            }
            else
            {
                _out.Append("pack");
            }

            for (int i = _out.Length - start; i < 8; i++)
                _out.Append(' ');
        }

        private void Log()
        {
            EventLog log = _controller.Log;
            // Made at the first `log` command and kept (a command must not allocate once its paths
            // have run): not at start-up, for a command most controllers never see.
            if (_entry == null)
                _entry = new LogEntry();
            LogEntry entry = _entry;
            if (_command.WordCount == 3 && _command.Is(1, "show"))
            {
                int sequence;
                if (!NumberParser.TryParseInt(_command.Text, _command.Start(2), _command.WordLength(2), out sequence) || !log.ReadSequence(sequence, entry))
                {
                    _out.Append("error: log show expects the number of a stored event, 1 to ");
                    _out.Append(log.NextSequence - 1);
                    EndLine();
                    return;
                }

                LogLine(entry);
                if (entry.HasSnapshot)
                    Snapshot(entry);
                return;
            }

            int count = 10;
            if (_command.WordCount == 2 && (!NumberParser.TryParseInt(_command.Text, _command.Start(1), _command.WordLength(1), out count) || count < 1 || count > EventLog.Capacity))
            {
                _out.Append("error: log expects a count of 1 to ");
                _out.Append(EventLog.Capacity);
                Line(", or show N");
                return;
            }

            if (_command.WordCount > 2)
            {
                UsageError();
                return;
            }

            Line("   #       at ms  event        what");
            int first = log.NextSequence - count;
            for (int sequence = first < 1 ? 1 : first; sequence < log.NextSequence; sequence++)
            {
                if (log.ReadSequence(sequence, entry))
                    LogLine(entry);
            }
        }

        private void LogLine(LogEntry e)
        {
            _out.AppendPadded(e.Sequence, 4);
            _out.AppendPadded(e.TimeMs, 12);
            _out.Append("  ");
            _out.AppendPaddedRight(EventKindNames.Name(e.Kind), 13);
            switch (e.Kind)
            {
                case EventKind.FaultRaised:
                case EventKind.FaultCleared:
                    _out.Append(FaultNames.Name((FaultId)e.Code));
                    if (e.Kind == EventKind.FaultRaised)
                    {
                        _out.Append(' ');
                        _out.AppendFixed(e.Value, 3);
                        _out.Append(' ');
                        AppendWhere((FaultId)e.Code, e.Index);
                    }

                    break;
                case EventKind.ContactorChanged:
                    _out.Append(ContactorStateNames.Name((ContactorState)e.Code));
                    break;
                case EventKind.Calibrated:
                    _out.Append(e.Index >= 0 ? "cell " : "current zero");
                    if (e.Index >= 0)
                        _out.Append(e.Index + 1);
                    break;
                case EventKind.ConfigChanged:
                    _out.Append("saved, sequence ");
                    _out.Append(e.Code);
                    break;
                case EventKind.LoginFailed:
                    _out.Append("wrong PIN");
                    break;
            }

            EndLine();
        }

        private void Snapshot(LogEntry e)
        {
            _out.Append("  pack ");
            _out.AppendFixed(e.PackMillivolts / 1000f, 3);
            _out.Append(" V, ");
            _out.AppendFixed(e.Milliamps / 1000f, 3);
            _out.Append(" A, flags ");
            _out.Append(e.Flags);
            EndLine();
            _out.Append("  cells mV:");
            for (int i = 0; i < e.CellCount; i++)
            {
                if (i == 8)
                {
                    EndLine();
                    _out.Append("           ");
                }

                _out.AppendPadded(e.CellMillivolts[i], 6);
            }

            EndLine();
            _out.Append("  temps C: ");
            for (int i = 0; i < e.ThermistorCount; i++)
                _out.AppendFixedPadded(e.DeciCelsius[i] / 10f, 1, 7);
            EndLine();
        }

        private void Version()
        {
            if (!Words(1))
                return;
            PackProfile p = _controller.Profile;
            _out.Append("nanoFramework.BMS ");
            Line(PackController.FirmwareVersion);
            _out.Append("config sequence ");
            _out.Append(_controller.Config.Active.Sequence);
            _out.Append(", format ");
            _out.Append(ConfigCodec.FormatVersion);
            EndLine();
            _out.Append("profile ");
            _out.Append(p.PackId);
            _out.Append(": ");
            _out.Append(p.CellCount);
            _out.Append("S ");
            _out.Append(p.Chemistry == Chemistry.Lfp ? "LFP " : "NMC ");
            _out.AppendFixed(p.CapacityAh, 1);
            _out.Append(" Ah, ");
            _out.Append(p.ThermistorCount);
            _out.Append(" thermistors, ");
            _out.Append(p.SampleRateHz);
            Line(" Hz");
        }

        private void Uplink()
        {
            if (_command.WordCount != 2 || !_command.Is(1, "status"))
            {
                UsageError();
                return;
            }

            _controller.AppendUplinkStatus(_out);
            EndLine();
        }

        private void SelfTest()
        {
            if (!Words(1))
                return;
            string failed = _controller.RunSelfTest(_out);
            if (failed == null)
            {
                Line("self-test passed");
                return;
            }

            _out.Append("error: self-test failed at ");
            Line(failed);
        }
    }
}
