using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Config;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.FlightRecorder;

namespace nanoFramework.BMS.TechConsole
{
    /// <summary>The commands that change the pack or its configuration, and the login around them.</summary>
    public sealed partial class ConsoleShell
    {
        private void Clear()
        {
            if (!Words(1) || !Authorised())
                return;
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
                // Always allowed, logged in or not: anyone at the pack may make it safe.
                _controller.OpenContactor();
                Line("contactor open");
                return;
            }

            if (!Authorised())
                return;
            string refusal = _controller.RequestClose();
            if (refusal == null)
            {
                Line("contactor closing: precharge started");
                return;
            }

            _out.Append("error: contactor close refused: ");
            Line(refusal);
        }

        private void Login()
        {
            if (!Words(2))
                return;
            if (_session.IsLocked(_nowMs))
            {
                _out.Append("error: console locked after 5 wrong PINs; try again in ");
                _out.Append((_session.LockedForMs(_nowMs) + 999) / 1000);
                Line(" s");
                return;
            }

            if (_session.Login(_command.Text, _command.Start(1), _command.WordLength(1), _nowMs))
            {
                _controller.Record(EventKind.Login, 0, 0f, -1);
                Line("logged in; changes allowed for this session");
                return;
            }

            _controller.Record(EventKind.LoginFailed, 0, 0f, -1);
            if (_session.IsLocked(_nowMs))
            {
                Error("wrong PIN; console locked for 300 s");
                return;
            }

            _out.Append("error: wrong PIN (");
            _out.Append(TechnicianSession.MaxFailures - _session.Failures);
            Line(" tries left before a lockout)");
        }

        private void Logout()
        {
            if (!Words(1))
                return;
            if (_session.IsLoggedIn(_nowMs))
                _controller.Record(EventKind.Logout, 0, 0f, -1);
            _session.Logout();
            Line("logged out");
        }

        private void Config()
        {
            ConfigEditor editor = _controller.Config;
            ConfigKeys keys = editor.Keys;
            if (_command.WordCount == 2 && _command.Is(1, "show"))
            {
                for (int key = 0; key < keys.Count; key++)
                {
                    if (!keys.Applies(key, editor.Shown.Profile))
                        continue;
                    _out.Append(editor.IsPending(key) ? "* " : "  ");
                    for (int written = keys.AppendName(key, _out); written < 50; written++)
                        _out.Append(' ');
                    keys.AppendValue(key, editor.Shown, _out);
                    EndLine();
                }

                Line("(* differs from the running configuration: applies after save and restart)");
                return;
            }

            if (_command.WordCount == 3 && _command.Is(1, "get"))
            {
                int key = FindKey(keys, 2, editor);
                if (key < 0)
                    return;
                keys.AppendName(key, _out);
                _out.Append(" = ");
                keys.AppendValue(key, editor.Shown, _out);
                if (editor.IsPending(key))
                    _out.Append("  (pending: applies after save and restart)");
                EndLine();
                return;
            }

            if (_command.WordCount == 4 && _command.Is(1, "set"))
            {
                ConfigSet(editor, keys);
                return;
            }

            if (_command.WordCount == 2 && _command.Is(1, "save"))
            {
                if (!Authorised())
                    return;
                int result = editor.Save();
                if (result < 0)
                {
                    Error("config save failed: storage did not accept the record");
                    return;
                }

                if (result == 0)
                {
                    Line("config unchanged: nothing written");
                    return;
                }

                _controller.Record(EventKind.ConfigChanged, editor.Active.Sequence, 0f, -1);
                _out.Append("config saved (sequence ");
                _out.Append(editor.Active.Sequence);
                Line("); restart to apply");
                return;
            }

            if (_command.WordCount == 2 && _command.Is(1, "reset"))
            {
                if (!Authorised())
                    return;
                editor.Reset();
                Line("pending config reset to the board defaults (PIN kept); config save to keep");
                return;
            }

            UsageError();
        }

        private void ConfigSet(ConfigEditor editor, ConfigKeys keys)
        {
            if (!Authorised())
                return;
            int key = FindKey(keys, 2, editor);
            if (key < 0)
                return;
            if (keys.Kind(key) == ConfigKeyKind.Pin)
            {
                string pinProblem = TechnicianSession.CheckPin(_command.Text, _command.Start(3), _command.WordLength(3));
                if (pinProblem != null)
                {
                    _out.Append("error: console.pin expects ");
                    Line(pinProblem);
                    return;
                }

                // The PIN applies at once (the session checks the running secret) and is saved with the config.
                _session.SetPin(_command.Text, _command.Start(3), _command.WordLength(3), _nowMs, false);
                editor.Pending.Secret.IsFactoryDefault = false;
                CopyBytes(editor.Active.Secret.Salt, editor.Pending.Secret.Salt);
                CopyBytes(editor.Active.Secret.Hash, editor.Pending.Secret.Hash);
                Line("console.pin changed; config save to keep it after a restart");
                return;
            }

            string problem = editor.Set(key, _command.Text, _command.Start(3), _command.WordLength(3));
            if (problem != null)
            {
                Error(problem);
                return;
            }

            keys.AppendName(key, _out);
            _out.Append(" = ");
            keys.AppendValue(key, editor.Pending, _out);
            Line("  (pending: config save, then restart)");
        }

        private int FindKey(ConfigKeys keys, int word, ConfigEditor editor)
        {
            int key = keys.Find(_command.Text, _command.Start(word), _command.WordLength(word));
            if (key >= 0 && keys.Applies(key, editor.Shown.Profile))
                return key;
            _out.Append("error: unknown config key '");
            _out.AppendPrintable(_command.Text, _command.Start(word), _command.WordLength(word));
            Line("'; config show lists them");
            return -1;
        }

        private void Calibrate()
        {
            if (_command.WordCount == 3 && _command.Is(1, "current") && _command.Is(2, "zero"))
            {
                if (!Authorised())
                    return;
                if (_controller.ContactorState != ContactorState.Open)
                {
                    Error("open the contactor first: the zero needs no current flowing");
                    return;
                }

                if (!_controller.Sample.CurrentValid)
                {
                    Error("the current sensor is not answering");
                    return;
                }

                float offset = _controller.CalibrateCurrentZero();
                _out.Append("current zero offset now ");
                _out.AppendFixed(offset, 4);
                Line(" A; config save to keep it");
                return;
            }

            if (_command.WordCount == 4 && _command.Is(1, "cell"))
            {
                if (!Authorised())
                    return;
                int cell;
                float volts;
                int cells = _controller.Profile.CellCount;
                if (!NumberParser.TryParseInt(_command.Text, _command.Start(2), _command.WordLength(2), out cell) || cell < 1 || cell > cells)
                {
                    _out.Append("error: calibrate cell expects a cell number 1 to ");
                    _out.Append(cells);
                    EndLine();
                    return;
                }

                if (!NumberParser.TryParse(_command.Text, _command.Start(3), _command.WordLength(3), out volts) || volts < 1f || volts > 4.8f)
                {
                    Error("calibrate cell expects the measured voltage in V, 1.000 to 4.800");
                    return;
                }

                int counts = _controller.ReadCellCounts(cell - 1);
                if (counts < 0)
                {
                    Error("that cell's channel is not converting");
                    return;
                }

                bool twoPoint = _controller.CalibrateCell(cell - 1, counts, volts * 1000f);
                ChannelCalibration c = _controller.Profile.CellCalibration[cell - 1];
                _out.Append("cell ");
                _out.Append(cell);
                _out.Append(twoPoint ? " two-point calibrated: gain " : " offset calibrated: gain ");
                _out.AppendFixed(c.GainMillivoltsPerCount, 4);
                _out.Append(" mV/count, offset ");
                _out.AppendFixed(c.OffsetMillivolts, 2);
                Line(" mV; config save to keep it");
                return;
            }

            UsageError();
        }

        private static void CopyBytes(byte[] from, byte[] to)
        {
            for (int i = 0; i < from.Length; i++)
                to[i] = from[i];
        }
    }
}
