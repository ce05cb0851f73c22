using System;
using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Config;
using nanoFramework.BMS.Contactor;
using nanoFramework.BMS.Estimation;
using nanoFramework.BMS.FlightRecorder;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;
using nanoFramework.BMS.TechConsole;
using nanoFramework.BMS.Telemetry;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS
{
    /// <summary>
    /// The firmware: owns every part and runs one control cycle per call of RunCycle, which the
    /// board calls once per sample period. Everything is allocated in the constructor; a cycle
    /// allocates nothing.
    /// </summary>
    public sealed class PackController
    {
        public const string FirmwareVersion = "0.5.0";

        private readonly PackProfile _profile;
        private readonly BoardPorts _ports;
        private readonly Sample _sample;
        private readonly PackSampler _sampler;
        private readonly FaultLatch _latch = new FaultLatch();
        private readonly LimitMonitor _monitor;
        private readonly CurrentLimiter _limiter;
        private readonly StateEstimator _estimator;
        private readonly LimitRuleLookup _rules;
        private readonly ContactorControl _contactor;
        private readonly FaultStore _faultStore;
        private readonly bool _storedFaultsReadable;
        private readonly LocalUplink _local;
        private readonly ConsoleShell _shell;
        private readonly long _overrunIntervalMs;
        private readonly MqttUplink _mqtt;

        /// <summary>Compiles only while every fault code has a bit of a long (ClearFaults).</summary>
        private const byte CodesFitALong = 63 - FaultNames.MaxCode;
        private readonly ConfigEditor _config;
        private readonly EventLog _log;
        private readonly TechnicianSession _session;

        // The last calibration point of each cell, so a second point makes a two-point calibration.
        // Made at the first calibration (a technician's command), not kept from start-up for nothing.
        private int[] _calibrationCounts;
        private float[] _calibrationMillivolts;
        private ContactorState _loggedContactorState;

        private long _lastCycleStartMs = -1;
        private long _cycles;

        /// <summary>
        /// Builds the firmware for a profile, without a stored configuration (tests, benchmarks);
        /// throws ArgumentException listing every problem of an invalid profile.
        /// </summary>
        public PackController(PackProfile profile, BoardPorts ports)
            : this(WithFactoryPin(profile, ports), profile, null, ports, new ConfigStore(ports.Storage))
        {
        }

        private PackController(ConfigRecord config, PackProfile defaults, string configProblem, BoardPorts ports, ConfigStore store)
        {
            PackProfile profile = config.Profile;
            string problems = config.Validate();
            if (problems != null)
                throw new ArgumentException(problems);
            _profile = profile;
            _ports = ports;

            // Outputs first: whatever else fails below, the contactor is already open.
            _contactor = new ContactorControl(ports.Contactor, ports.Precharge, _latch, profile.Safety);
            _sample = new Sample(profile.CellCount, profile.ThermistorCount);
            _sampler = new PackSampler(profile, ports);
            _monitor = new LimitMonitor(profile, _latch);
            _limiter = new CurrentLimiter(profile);
            _estimator = new StateEstimator(profile, _limiter, ports.Storage);
            _rules = new LimitRuleLookup(profile.Limits);
            _faultStore = new FaultStore(ports.Storage, _latch.Capacity);
            _overrunIntervalMs = (long)profile.Safety.CycleOverrunPeriods * profile.PeriodMs;
            _config = new ConfigEditor(config, defaults, DefaultUplink(ports), store);
            _log = new EventLog(ports.Storage);
            _session = new TechnicianSession(config.Secret);
            _session.DeviceSerial = ports.DeviceSerial;

            _shell = ports.Console == null ? null : new ConsoleShell(ports.Console, this, _session);
            if (ports.Mqtt != null)
            {
                _mqtt = new MqttUplink(this, ports.Mqtt, ports.Clock, ports.Storage, config.Uplink);
                AggregateWindow window = _mqtt.AggregateWindow;
                if (window != null)
                    _sampler.FoldInto(window.Cells, window.Thermistors);
            }

            long nowMs = ports.Clock.NowMs;

            // The local uplink (docs/telemetry.md) only exists for a board with an IUplink: its
            // samples batch is tens of KB at 16 cells and 100 Hz, too much beside MQTT on an ESP32.
            if (ports.Uplink != null)
                _local = new LocalUplink(profile, ports.Uplink, _estimator, nowMs);

            _log.Append(EventKind.Restart, 0, 0f, -1, nowMs, null, 0);
            _storedFaultsReadable = _faultStore.Load(_latch);
            if (!_storedFaultsReadable)
                _latch.LatchEvent(FaultId.StoredFaultsUnreadable, 0f, "", nowMs, FaultStore.BlobName);
            if (configProblem != null)
                _latch.LatchEvent(FaultId.ConfigFallback, 0f, "", nowMs, configProblem);
            ForgetConditionsNoRuleWatches();
            _monitor.WatchLatchedConditions();

            // Built for each run and dropped after it: its own latch and monitor are some 3 KB the
            // heap needs for nothing between runs (power-on and the console's `selftest`).
            string failedCheck = new SelfTest(profile).Run(_storedFaultsReadable, null);
            if (failedCheck != null)
                _latch.Latch(FaultId.SelfTestFailed, 0f, "", -1, nowMs, failedCheck);
        }

        /// <summary>
        /// Starts the firmware from the stored configuration: the newest valid slot, else the
        /// board's defaults. A damaged or invalid slot latches `config_fallback` naming what was
        /// found, so the pack stays open until a technician has looked.
        /// </summary>
        public static PackController Boot(PackProfile defaults, BoardPorts ports)
        {
            // The store that loaded goes on to the editor: it knows which slot is the newer and
            // what was last saved, so the next save overwrites the older slot and an unchanged
            // one writes nothing, after a restart as before it.
            ConfigStore store = new ConfigStore(ports.Storage);
            string problem;
            ConfigRecord stored = store.Load(out problem);
            if (stored != null)
                return new PackController(stored, defaults, problem == null ? null : problem + "; using the other slot", ports, store);
            return new PackController(WithFactoryPin(defaults, ports), defaults, problem == null ? null : problem + "; using the defaults", ports, store);
        }

        /// <summary>The board's provisioning until a site saves its own.</summary>
        private static UplinkSettings DefaultUplink(BoardPorts ports)
        {
            return ports.MqttSettings != null ? ports.MqttSettings : new UplinkSettings();
        }

        private static ConfigRecord WithFactoryPin(PackProfile profile, BoardPorts ports)
        {
            ConfigRecord record = new ConfigRecord();
            record.Profile = profile;
            record.Uplink = DefaultUplink(ports);
            if (ports.FactoryPin != null)
            {
                byte[] pin = new byte[ports.FactoryPin.Length];
                for (int i = 0; i < pin.Length; i++)
                    pin[i] = (byte)ports.FactoryPin[i];
                TechnicianSession session = new TechnicianSession(record.Secret);
                session.DeviceSerial = ports.DeviceSerial;
                session.SetPin(pin, 0, pin.Length, 0, true);
            }

            return record;
        }

        public PackProfile Profile
        {
            get { return _profile; }
        }

        /// <summary>The running configuration and the console's pending edits of it.</summary>
        public ConfigEditor Config
        {
            get { return _config; }
        }

        /// <summary>The flight recorder.</summary>
        public EventLog Log
        {
            get { return _log; }
        }

        /// <summary>The latest sample; refilled in place every cycle.</summary>
        public Sample Sample
        {
            get { return _sample; }
        }

        public FaultLatch Faults
        {
            get { return _latch; }
        }

        public LimitRuleLookup Rules
        {
            get { return _rules; }
        }

        /// <summary>The limit rows' states: warnings (operating tier) and alarms (recommended tier).</summary>
        public LimitMonitor Limits
        {
            get { return _monitor; }
        }

        /// <summary>The published charge and discharge current limits.</summary>
        public CurrentLimiter CurrentLimits
        {
            get { return _limiter; }
        }

        /// <summary>State of charge and health, remaining energy, and the current limits as published (derated, tapered near full and empty).</summary>
        public StateEstimator Estimator
        {
            get { return _estimator; }
        }

        public ContactorState ContactorState
        {
            get { return _contactor.State; }
        }

        /// <summary>The local uplink's telemetry topic; null on a board without an IUplink (the MQTT uplink has its own).</summary>
        public string TelemetryTopic
        {
            get { return _local == null ? null : _local.TelemetryTopic; }
        }

        /// <summary>The local uplink's alert topic; null on a board without an IUplink.</summary>
        public string AlertTopic
        {
            get { return _local == null ? null : _local.AlertTopic; }
        }

        /// <summary>The MQTT uplink, null without an MQTT port; the board runs its Service or RunLoop on its own thread.</summary>
        public MqttUplink Mqtt
        {
            get { return _mqtt; }
        }

        /// <summary>Messages the uplink refused to queue since start-up.</summary>
        public int UplinkRejected
        {
            get { return _local == null ? 0 : _local.Rejected; }
        }

        public long Cycles
        {
            get { return _cycles; }
        }

        /// <summary>One control cycle: sample, protect, sequence the contactor, report, serve the console.</summary>
        public void RunCycle()
        {
            try
            {
                long nowMs = _ports.Clock.NowMs;
                CheckCycleInterval(nowMs);
                _cycles++;

                // Locals: a field load is two IL instructions on the interpreter, a local one.
                Sample sample = _sample;
                FaultLatch latch = _latch;
                _sampler.Acquire(sample, nowMs);
                _monitor.Evaluate(sample);
                _contactor.Update(sample, nowMs);
                if (latch.UnreportedCount > 0)
                    OnNewFaults();
                bool faultLatched = latch.AnyLatched;
                if (faultLatched)
                    _contactor.Open();
                LogContactorChange(nowMs);
                _limiter.Update(sample, faultLatched);

                int flags = Flags(faultLatched);
                if (_local != null)
                    _local.OnSample(sample, flags, nowMs, _contactor.State, _latch.LatchedCount);

                if (_mqtt != null)
                    _mqtt.OnCycle(_sample, flags, nowMs, _contactor.State, _latch.LatchedCount);

                _estimator.OnCycle(_sample, _contactor.State == ContactorState.Open);
                if (_shell != null)
                    _shell.Poll(nowMs);
            }
            catch (Exception e)
            {
                FailSafe(e);
            }

            // Fed after a failed cycle too: the firmware is alive and holding the contactor open.
            // Only a cycle that never ends (or never starts) lets the watchdog bite.
            if (_ports.Watchdog != null)
                _ports.Watchdog.Feed();
        }

        /// <summary>An orderly power-down: saves the estimates (a reset or a watchdog bite saves nothing; the periodic save covers those).</summary>
        public void Shutdown()
        {
            _estimator.Save();
        }

        public void OpenContactor()
        {
            _contactor.Open();
        }

        /// <summary>Starts the precharge-and-close sequence; returns null when accepted, else the reason it stays open.</summary>
        public string RequestClose()
        {
            return _contactor.RequestClose();
        }

        /// <summary>
        /// A remote request to unlatch faults whose condition is gone; returns how many stay
        /// latched. Thermal runaway and a welded contactor stay: they clear only at the console.
        /// </summary>
        public int ClearFaults()
        {
            return Clear(false);
        }

        /// <summary>The technician's clear at the console: may also clear thermal runaway and a welded contactor.</summary>
        public int ClearFaultsAtConsole()
        {
            return Clear(true);
        }

        /// <summary>Runs the power-on self-test again, one line per check into report; returns the first failing check or null.</summary>
        public string RunSelfTest(AsciiWriter report)
        {
            string failedCheck = new SelfTest(_profile).Run(_storedFaultsReadable, report);

            // A failed self-test clears only once the self-test passes again.
            if (failedCheck == null)
                _latch.Get(FaultId.SelfTestFailed).ConditionActive = false;
            return failedCheck;
        }

        private int Clear(bool atConsole)
        {
            // Which faults were latched, one bit per code, in a local rather than an array kept
            // for good (CodesFitALong fails to compile if the codes outgrow it).
            int before = _latch.LatchedCount;
            long wasLatched = 0;
            for (int code = 0; code < _latch.Capacity; code++)
            {
                if (_latch.At(code).Latched)
                    wasLatched |= 1L << code;
            }

            int remaining = _latch.ClearInactive(atConsole);
            if (remaining == before)
                return remaining;
            _faultStore.Save(_latch);
            long nowMs = _ports.Clock.NowMs;
            for (int code = 0; code < _latch.Capacity; code++)
            {
                if ((wasLatched & (1L << code)) != 0 && !_latch.At(code).Latched)
                    _log.Append(EventKind.FaultCleared, code, 0f, -1, nowMs, null, 0);
            }

            return remaining;
        }

        /// <summary>Appends an event to the flight recorder (console logins, configuration saves...).</summary>
        public void Record(EventKind kind, int code, float value, int index)
        {
            _log.Append(kind, code, value, index, _ports.Clock.NowMs, null, 0);
        }

        /// <summary>A fresh raw reading of a cell channel, for calibration; negative when it fails to convert.</summary>
        public int ReadCellCounts(int cell)
        {
            return _ports.CellInputs.ReadCounts(cell);
        }

        /// <summary>
        /// Calibrates a cell channel against a meter reading taken with the channel at counts. A
        /// first point corrects the offset; a second point at least 300 mV from the first fixes
        /// gain and offset together. Applies at once, to the running and the pending
        /// configuration. Returns true for two points.
        /// </summary>
        public bool CalibrateCell(int cell, int counts, float millivolts)
        {
            ChannelCalibration running = _profile.CellCalibration[cell];
            if (_calibrationCounts == null)
            {
                _calibrationCounts = new int[_profile.CellCount];
                _calibrationMillivolts = new float[_profile.CellCount];
            }

            float previous = _calibrationMillivolts[cell];
            float apart = millivolts - previous;
            bool twoPoint = previous > 0f && (apart > 300f || apart < -300f) && counts != _calibrationCounts[cell];
            if (twoPoint)
            {
                running.GainMillivoltsPerCount = (millivolts - previous) / (counts - _calibrationCounts[cell]);
                running.OffsetMillivolts = millivolts - running.GainMillivoltsPerCount * counts;
            }
            else
            {
                running.OffsetMillivolts += millivolts - running.ToMillivolts(counts);
            }

            _calibrationCounts[cell] = counts;
            _calibrationMillivolts[cell] = millivolts;
            ChannelCalibration pending = _config.Pending.Profile.CellCalibration[cell];
            pending.GainMillivoltsPerCount = running.GainMillivoltsPerCount;
            pending.OffsetMillivolts = running.OffsetMillivolts;
            Record(EventKind.Calibrated, 0, millivolts, cell);
            return twoPoint;
        }

        /// <summary>Takes the present reading as zero current (the contactor must be open); returns the new offset, A.</summary>
        public float CalibrateCurrentZero()
        {
            float offset = _profile.CurrentOffsetAmps + _sample.PackAmps;
            _profile.CurrentOffsetAmps = offset;
            _config.Pending.Profile.CurrentOffsetAmps = offset;
            Record(EventKind.Calibrated, 0, offset, -1);
            return offset;
        }

        /// <summary>One line on the uplink for `uplink status`.</summary>
        public void AppendUplinkStatus(AsciiWriter w)
        {
            w.Append("uplink: ");
            w.Append(_local == null ? 0 : _local.TelemetrySequence);
            w.Append(" telemetry and ");
            w.Append(_local == null ? 0 : _local.AlertSequence);
            w.Append(" alert messages handed over, ");
            w.Append(UplinkRejected);
            w.Append(" refused");
        }

        private void LogContactorChange(long nowMs)
        {
            ContactorState state = _contactor.State;
            if (state == _loggedContactorState)
                return;
            _loggedContactorState = state;

            // Closed and open are what a technician asks about; the steps between are in telemetry.
            if (state == ContactorState.Closed || state == ContactorState.Open)
                _log.Append(EventKind.ContactorChanged, (int)state, 0f, -1, nowMs, null, 0);
        }

        /// <summary>Cycle starts too far apart: the loop was starved, so every debounce ran late.</summary>
        private void CheckCycleInterval(long nowMs)
        {
            if (_lastCycleStartMs >= 0 && nowMs - _lastCycleStartMs > _overrunIntervalMs)
                _latch.LatchEvent(FaultId.CycleOverrun, nowMs - _lastCycleStartMs, "ms", nowMs, null);
            _lastCycleStartMs = nowMs;
        }

        /// <summary>
        /// A restored fault with a limit rule must be seen gone again before it clears; one without
        /// (an internal error, a damaged blob) was an event and has nothing left to watch.
        /// </summary>
        private void ForgetConditionsNoRuleWatches()
        {
            for (int code = 0; code < _latch.Capacity; code++)
            {
                FaultRecord record = _latch.At(code);
                if (record.Latched && _rules.Find(record.Id) == null)
                    record.ConditionActive = false;
            }
        }

        private void OnNewFaults()
        {
            _contactor.Open();
            for (int code = 0; code < _latch.Capacity; code++)
            {
                FaultRecord record = _latch.At(code);
                if (record.Latched && !record.Reported)
                {
                    _latch.MarkReported(record);
                    _log.Append(EventKind.FaultRaised, code, record.Value, record.Index, record.TimeMs, _sample, Flags(_latch.AnyLatched));
                    if (_local != null)
                        _local.OnAlert(record, _contactor.State, _latch.LatchedCount);
                    if (_mqtt != null)
                        _mqtt.OnAlert(record, _contactor.State, _latch.LatchedCount);
                }
            }

            _faultStore.Save(_latch);
        }

        private int Flags(bool faultLatched)
        {
            Sample sample = _sample;
            int flags = faultLatched ? SampleFlags.FaultLatched : 0;
            if (_contactor.State == ContactorState.Closed)
                flags |= SampleFlags.ContactorClosed;
            if (sample.CurrentValid)
                flags |= SampleFlags.CurrentValid;
            if (sample.CellsValid)
                flags |= SampleFlags.CellsValid;
            if (sample.TemperaturesValid)
                flags |= SampleFlags.TemperaturesValid;
            if (_monitor.Warnings > 0)
                flags |= SampleFlags.Warning;
            if (_monitor.Alarms > 0)
                flags |= SampleFlags.Alarm;
            return flags;
        }

        /// <summary>
        /// Whatever went wrong, the contactor opens and the fault says why. Each step is guarded
        /// on its own so a failing uplink or storage cannot keep the contactor closed.
        /// </summary>
        private void FailSafe(Exception e)
        {
            try
            {
                _contactor.Open();
            }
            catch (Exception)
            {
                // Nothing more to do here: the outputs themselves failed.
            }

            long nowMs = 0;
            try
            {
                nowMs = _ports.Clock.NowMs;
            }
            catch (Exception)
            {
                // The clock is what failed; the fault keeps time 0.
            }

            if (_latch.LatchEvent(FaultId.InternalError, 0f, "", nowMs, e.GetType().Name))
            {
                try
                {
                    OnNewFaults();
                }
                catch (Exception)
                {
                    // The alert or the fault blob could not be written; the contactor is open anyway.
                }
            }

            try
            {
                if (_mqtt != null)
                    _mqtt.OnCycleFailed();
            }
            catch (Exception)
            {
                // The fault is latched and the contactor open; the next window may be skewed.
            }
        }
    }
}
