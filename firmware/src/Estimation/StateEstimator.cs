using System;
using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Ports;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Protection;

namespace nanoFramework.BMS.Estimation
{
    /// <summary>
    /// State of charge, state of health, remaining energy and the published current limits
    /// (docs/estimation.md). The control cycle calls OnCycle once per sample: it adds the current
    /// to the coulomb counter and, when due, runs one small step of the once-a-second work, so no
    /// cycle carries the whole of it (at 50 Hz and below several steps a cycle, five at 10 Hz):
    ///
    /// snapshot of the sample (a copy: it may share its cycle with the rise tracker's slot, the
    /// costliest one, where no other step runs); close of the counting window; offset, rest,
    /// temperature; the slow RC branch; R0; R1;
    /// then for the average cell, the weakest and the strongest: predict, read, update; rest
    /// check; limits; range; save check. The average cell's reading takes one cell a step. Between
    /// rounds the free cycles run the occasional jobs: the rested readings (one filter a step) and
    /// the periodic save (two values, then two CRC bytes, a step).
    /// </summary>
    public sealed class StateEstimator
    {
        public const int RoundMs = 1000;

        private const int Idle = -1;
        private const int Harvest = 0;
        private const int Conditions = 1;
        private const int SlowBranch = 2;
        private const int StepR0 = 3;
        private const int WindowR1 = 4;
        private const int PredictPack = 5;
        private const int ReadPack = 6;  // one cell a step
        private const int UpdatePack = 7;
        private const int PredictMin = 8;
        private const int ReadMin = 9;
        private const int UpdateMin = 10;
        private const int PredictMax = 11;
        private const int ReadMax = 12;
        private const int UpdateMax = 13;
        private const int RestCheck = 14;
        private const int Limits = 15;
        private const int RangeStep = 16;
        private const int SaveCheck = 17;
        private const int StartPack = 20;
        private const int StartMin = 21;
        private const int StartMax = 22;

        private const int NoJob = 0;
        private const int RestJob = 1;
        private const int SaveJob = 2;

        /// <summary>State-of-charge variance given to a restored estimate (3 %, one standard deviation): it is checked by the next readings.</summary>
        private const float RestoredVariance = 0.0009f;

        /// <summary>How far a voltage read with no known rest may be from the OCV, V: sets the first estimate's variance.</summary>
        private const float UnrestedVolts = 0.05f;

        /// <summary>State-of-charge variance added for a window whose current was not measured.</summary>
        private const float GapVariance = 0.0001f;

        private readonly CurrentLimiter _limiter;
        private readonly OcvTable _ocv;
        private readonly CoulombCounter _counter = new CoulombCounter();
        private readonly RestDetector _rest = new RestDetector();
        private readonly ResistanceEstimator _resistance;
        private readonly CapacityEstimator _capacity;
        private readonly RangeEstimate _range = new RangeEstimate();
        private readonly LimitTaper _taper;
        private readonly EstimateStore _store;
        private readonly CellFilter _pack = new CellFilter();
        private readonly CellFilter _min = new CellFilter();
        private readonly CellFilter _max = new CellFilter();
        private readonly int _cells;
        private readonly int _stepsPerCycle;

        // Tunables in SI units and fractions.
        private readonly float _restAmps;
        private readonly float _relaxationSeconds;
        private readonly float _voltageNoise;
        private readonly float _socNoisePerSecond;
        private readonly float _rcNoisePerSecond;
        private readonly float _trustSlope;
        private readonly float _tauSeconds;
        private float _slowOhms;
        private readonly float _configuredSlowOhms;
        private readonly float _slowTauSeconds;
        private readonly float _rcError;
        private readonly float _offsetLimitAmps;
        private readonly float _stepAmps;
        private readonly float _capacitySpan;
        private readonly long _savePeriodMs;

        private int _phase = Idle;
        private int _job = NoJob;
        private int _jobStep;
        private long _nextRoundMs;
        private long _lastRoundMs = -1;
        private long _nextSaveMs;
        private bool _initialised;

        // The snapshot of a round, and what its steps derive from it.
        private long _nowMs;
        private float _seconds;
        private float _amps;
        private float _averageVolts;
        private float _cellSumMillivolts;
        private float _minVolts;
        private float _maxVolts;
        private float _celsius = 25f;
        private bool _cellsValid;
        private bool _open;
        private bool _wasOpen;
        private float _socMoved;
        private float _socNoise;
        private float _rcNoise;
        private float _rcTarget;
        private float _ohmicVolts;
        private float _slowBand;
        private bool _restCompleted;

        // Cached: the decay of the last window length, the resistance factor of the last temperature.
        private float _decay;
        private float _decaySeconds = -1f;
        private float _slowDecay;
        private float _slowDecaySeconds = -1f;
        private float _temperatureFactor = 1f;
        private float _factorCelsius = 25f;

        /// <summary>
        /// The slow RC branch's voltage, V, the same for every filter: it follows the counted
        /// current alone (no reading corrects it), so it is a model, not an estimate.
        /// </summary>
        private float _slowVolts;

        // The slow branch's measurement over a rest: at five fast time constants (the fast
        // branch gone) the average cell's voltage and the model's v2, and the charge counted
        // since; Marked between then and the rest's reading.
        private const int NotMarked = 0;
        private const int Marked = 1;
        private const int Measured = 2;
        private int _slowMark;
        private float _slowMarkVolts;
        private float _slowMarkModel;
        private float _slowMarkMoved;

        /// <summary>Smallest sum of the modelled and the observed change over a rest that measures the slow branch, V: below it the ADC's noise would.</summary>
        private const float MinSlowChangesVolts = 0.006f;

        /// <summary>Smallest change of the modelled v2 a ratio is taken over, V.</summary>
        private const float MinPredictedVolts = 0.0005f;

        /// <summary>What one measurement moves R2 by, of the way to its value: one rest's fit is not the whole truth.</summary>
        private const float SlowWeight = 0.75f;

        /// <summary>Rests that measured the slow branch since start-up.</summary>
        public int SlowMeasurements;

        // The cell voltages of the snapshot, V, and the next one the pack reading takes.
        private int _readCell;
        private readonly float[] _cellVolts;

        // What the last save held, to skip saves that would change nothing.
        private float _savedSoc = -1f;
        private int _savedEvents = -1;

        /// <summary>Why the stored estimates were not used at start-up; null when they were.</summary>
        public readonly string RestoreProblem;

        /// <summary>The pack state of charge restored at start-up (0..1), -1 when none was.</summary>
        public readonly float RestoredSoc = -1f;

        /// <summary>The last rested reading: the average cell's state of charge it gave, how far it moved the estimate (fractions), when, and whether the curve was steep enough to trust it.</summary>
        public float LastRestSoc = -1f;
        public float LastRestCorrection;
        public long LastRestMs = -1;
        public bool LastRestTrusted;

        /// <summary>Weakest and strongest cell at the last round (0-based).</summary>
        public int MinCellIndex;
        public int MaxCellIndex;

        public StateEstimator(PackProfile profile, CurrentLimiter limiter, IStorage storage)
        {
            _limiter = limiter;
            _cells = profile.CellCount;
            _cellVolts = new float[_cells];
            int rate = profile.SampleRateHz < 1 ? 1 : profile.SampleRateHz;
            // At 100 Hz one step a cycle; slower, a few more, so a round of a 16-cell pack
            // still ends within about 0.7 s (five steps at 10 Hz: a cycle ten times as long).
            _stepsPerCycle = (50 + rate - 1) / rate;
            EstimationParameters p = profile.Estimation;
            _ocv = new OcvTable(profile.Chemistry);
            _restAmps = p.RestAmps;
            _relaxationSeconds = p.RelaxationSeconds;
            _voltageNoise = p.VoltageNoiseMillivolts * p.VoltageNoiseMillivolts * 1e-6f;
            float drift = p.SocDriftPercentPerHour / 100f;
            _socNoisePerSecond = drift * drift / 3600f;
            _rcNoisePerSecond = p.RcNoiseMillivolts * p.RcNoiseMillivolts * 1e-6f;
            _trustSlope = p.TrustSlopeMillivoltsPerPercent / 10f;
            _tauSeconds = p.TauSeconds;
            _slowOhms = p.R2Milliohms / 1000f;
            _configuredSlowOhms = _slowOhms;
            _slowTauSeconds = p.Tau2Seconds;
            _rcError = p.RcErrorPercent / 100f;
            _offsetLimitAmps = p.OffsetLimitAmps;
            _stepAmps = p.StepAmps;
            _capacitySpan = p.CapacitySpanPercent / 100f;
            _savePeriodMs = p.SavePeriodSeconds * 1000L;
            _resistance = new ResistanceEstimator(p.R0Milliohms / 1000f, p.R1Milliohms / 1000f, _voltageNoise);
            _capacity = new CapacityEstimator(profile.CapacityAh);
            _taper = new LimitTaper(p.TaperFullPercent / 100f, p.TaperEmptyPercent / 100f, p.LimitFloorPercent / 100f);
            _store = new EstimateStore(storage);

            RestoreProblem = _store.Load();
            if (RestoreProblem == null)
            {
                RestoredSoc = _store.Values[EstimateStore.SocPack];
                Restore(_store.Values);
            }
        }

        private void Restore(float[] v)
        {
            _pack.Reset(FloatMath.Clamp(v[EstimateStore.SocPack], 0f, 1f), RestoredVariance);
            _min.Reset(FloatMath.Clamp(v[EstimateStore.SocMin], 0f, 1f), RestoredVariance);
            _max.Reset(FloatMath.Clamp(v[EstimateStore.SocMax], 0f, 1f), RestoredVariance);
            _initialised = true;
            // A capacity far from the nominal one belongs to another pack (the nominal capacity
            // was reconfigured): it starts again from nominal.
            float capacity = v[EstimateStore.CapacityAh];
            if (capacity > 0.3f * _capacity.NominalAh && capacity < 2f * _capacity.NominalAh)
            {
                _capacity.CapacityAh = v[EstimateStore.CapacityAh];
                _capacity.Variance = v[EstimateStore.CapacityVariance];
            }

            if (v[EstimateStore.R0Ohms] > 0f)
                _resistance.R0 = v[EstimateStore.R0Ohms];
            if (v[EstimateStore.R1Ohms] >= 0f)
                _resistance.R1 = v[EstimateStore.R1Ohms];
            _counter.OffsetAmps = FloatMath.Clamp(v[EstimateStore.OffsetAmps], -_offsetLimitAmps, _offsetLimitAmps);
            if (v[EstimateStore.AnchorSoc] >= 0f)
            {
                _capacity.HasAnchor = true;
                _capacity.AnchorSoc = v[EstimateStore.AnchorSoc];
                _capacity.AnchorVariance = v[EstimateStore.AnchorVariance];
                _capacity.AhSinceAnchor = v[EstimateStore.AhSinceAnchor];
            }

            _capacity.Measurements = (int)v[EstimateStore.CapacityMeasurements];
            _counter.DischargedAh = v[EstimateStore.DischargedAh];
            _savedSoc = v[EstimateStore.SocPack];
            _savedEvents = Events();
        }

        // ------------------------------------------------------------------ published values

        /// <summary>True once there is an estimate (restored, or from the first valid reading).</summary>
        public bool HasEstimate
        {
            get { return _initialised; }
        }

        /// <summary>State of charge of the average cell, the weakest and the strongest, 0..1.</summary>
        public float Soc
        {
            get { return _pack.Published; }
        }

        public float SocMin
        {
            get { return _min.Published; }
        }

        public float SocMax
        {
            get { return _max.Published; }
        }

        /// <summary>Capacity over nominal.</summary>
        public float StateOfHealth
        {
            get { return _capacity.StateOfHealth; }
        }

        /// <summary>Ohmic resistance of the average cell at 25 °C, Ω.</summary>
        public float ResistanceOhms
        {
            get { return _resistance.R0; }
        }

        public RangeEstimate Range
        {
            get { return _range; }
        }

        /// <summary>The charge limit published to chargers: the safety layer's, lowered near full, A.</summary>
        public float ChargeLimitAmps
        {
            get { return _limiter.ChargeLimitAmps * _taper.ChargeFactor; }
        }

        /// <summary>The discharge limit published to inverters: the safety layer's, lowered near empty, A.</summary>
        public float DischargeLimitAmps
        {
            get { return _limiter.DischargeLimitAmps * _taper.DischargeFactor; }
        }

        // ------------------------------------------------------------------ for the technician

        public CellFilter PackFilter
        {
            get { return _pack; }
        }

        public CellFilter MinFilter
        {
            get { return _min; }
        }

        public CellFilter MaxFilter
        {
            get { return _max; }
        }

        public CoulombCounter Counter
        {
            get { return _counter; }
        }

        public RestDetector Rest
        {
            get { return _rest; }
        }

        public ResistanceEstimator Resistances
        {
            get { return _resistance; }
        }

        public CapacityEstimator Capacity
        {
            get { return _capacity; }
        }

        public LimitTaper Taper
        {
            get { return _taper; }
        }

        public EstimateStore Store
        {
            get { return _store; }
        }

        public OcvTable Ocv
        {
            get { return _ocv; }
        }

        public float RelaxationSeconds
        {
            get { return _relaxationSeconds; }
        }

        public float TauSeconds
        {
            get { return _tauSeconds; }
        }

        /// <summary>The slow RC branch: its modelled voltage (V), its resistance at 25 °C (Ω: configured, then measured at rests) and its time constant (s).</summary>
        public float SlowVolts
        {
            get { return _slowVolts; }
        }

        public float SlowOhms
        {
            get { return _slowOhms; }
        }

        public float SlowTauSeconds
        {
            get { return _slowTauSeconds; }
        }

        // ------------------------------------------------------------------ the cycle

        /// <summary>Once per control cycle: count the current, then the next step of the once-a-second work, if any is due.</summary>
        public void OnCycle(Sample sample, bool contactorOpen)
        {
            _counter.Add(sample.PackAmps, sample.CurrentValid);
            int steps = _stepsPerCycle;
            if (_phase == Idle && _job == NoJob)
            {
                if (sample.TimeMs < _nextRoundMs)
                    return;
                // A round begins: its snapshot is of this sample, whatever else the cycle
                // does, so it only copies; the steps derive the rest where they need it.
                TakeSnapshot(sample, contactorOpen);
                if (steps == 1)
                    return;
                steps--;
            }
            else if (steps == 1 && sample.RiseSlotMs == sample.TimeMs && _phase != Harvest)
            {
                // At one step a cycle, no step in the rise tracker's slot cycle: on the ESP32's
                // board it can also start the telemetry window, and a step there made the costliest
                // cycle 2,543 IL, over the budget (docs/performance.md). The steps after it wait a
                // cycle and compute the same values from the same snapshot. The window's close is never moved: it counts
                // the current up to its cycle.
                return;
            }

            for (int i = 0; i < steps; i++)
                Step(sample, contactorOpen);
        }

        private void Step(Sample sample, bool contactorOpen)
        {
            switch (_phase)
            {
                case Idle:
                    if (_job == RestJob)
                        RestStep();
                    else if (_job == SaveJob)
                        SaveStep();
                    else if (sample.TimeMs >= _nextRoundMs)
                        TakeSnapshot(sample, contactorOpen);
                    return;
                case Harvest:
                    DeriveWindow();
                    _amps -= _counter.OffsetAmps;
                    CloseWindow();
                    break;
                case Conditions: UpdateConditions(); break;
                case SlowBranch: AdvanceSlowBranch(); break;
                case StepR0:
                    if (_cellsValid)
                        _averageVolts = _cellSumMillivolts / (1000f * _cells);
                    ObserveStep();
                    break;
                case WindowR1: ObserveWindow(); break;
                case PredictPack: Predict(_pack); break;
                case ReadPack:
                    if (!ReadPackCell())
                        return;
                    break;
                case UpdatePack: Update(_pack); break;
                case PredictMin: Predict(_min); break;
                case ReadMin:
                    if (_cellsValid)
                        _minVolts = _cellVolts[MinCellIndex] / 1000f;
                    Read(_min, _minVolts);
                    break;
                case UpdateMin: Update(_min); break;
                case PredictMax: Predict(_max); break;
                case ReadMax:
                    if (_cellsValid)
                        _maxVolts = _cellVolts[MaxCellIndex] / 1000f;
                    Read(_max, _maxVolts);
                    break;
                case UpdateMax: Update(_max); break;
                case RestCheck: CheckRest(); break;
                case Limits: _taper.Update(_min.Soc, _max.Soc); break;
                case RangeStep: _range.Update(_ocv, _cells, _capacity.CapacityAh, _pack.Soc, _min.Soc, _max.Soc, _counter.MeanAmps, _restAmps); break;
                case SaveCheck:
                    CheckSave();
                    _phase = Idle;
                    return;
                case StartPack:
                    DeriveWindow();
                    DeriveReadings();
                    Start(_pack, _averageVolts);
                    break;
                case StartMin: Start(_min, _minVolts); break;
                default:
                    // The first estimate: its limits and range at once.
                    Start(_max, _maxVolts);
                    _initialised = true;
                    _phase = Limits;
                    return;
            }

            _phase++;
        }

        /// <summary>
        /// The round's snapshot: copies what the round needs of the sample, and no more, since it
        /// may share its cycle with the rise tracker's slot; the steps turn the copies into the
        /// round's quantities (DeriveWindow).
        /// </summary>
        private void TakeSnapshot(Sample sample, bool contactorOpen)
        {
            long now = sample.TimeMs;
            _nowMs = now;
            _nextRoundMs = now + RoundMs;
            _wasOpen = _open;
            _open = contactorOpen;
            _amps = sample.PackAmps;
            bool cellsValid = sample.CellsValid && sample.CurrentValid;
            _cellsValid = cellsValid;
            if (cellsValid)
            {
                _cellSumMillivolts = sample.CellSumMillivolts;
                Array.Copy(sample.CellMillivolts, _cellVolts, _cells);
                MinCellIndex = sample.MinCellIndex;
                MaxCellIndex = sample.MaxCellIndex;
            }

            if (sample.TemperaturesValid)
                _celsius = 0.5f * (sample.MinCelsius + sample.MaxCelsius);
            if (_initialised)
                _phase = Harvest;
            else if (cellsValid)
                _phase = StartPack;
            else
            {
                DeriveWindow();
                DeriveReadings();
            }
        }

        /// <summary>
        /// The rest of the snapshot, from its copies, where the steps first need it so no step
        /// grows much: the window's length and the current less the offset in the Harvest step
        /// (before the window closes and before the Conditions step can learn the offset), the
        /// average cell's voltage in the R0 step, the weakest and strongest cell's in their
        /// reading steps (V). The weakest and the strongest cell's millivolts are the copied
        /// cells' at their indices: the sample's lowest and highest are those very values
        /// whenever the cells are valid. DeriveReadings does the current and the three voltages
        /// at once, for the first estimate and for a snapshot that starts no round.
        /// </summary>
        private void DeriveWindow()
        {
            long now = _nowMs;
            long last = _lastRoundMs;
            if (last < 0)
                _nextSaveMs = now + _savePeriodMs;
            _seconds = last < 0 ? 0f : (now - last) / 1000f;
            _lastRoundMs = now;
        }

        private void DeriveReadings()
        {
            _amps -= _counter.OffsetAmps;
            if (_cellsValid)
            {
                float[] cellVolts = _cellVolts;
                _averageVolts = _cellSumMillivolts / (1000f * _cells);
                _minVolts = cellVolts[MinCellIndex] / 1000f;
                _maxVolts = cellVolts[MaxCellIndex] / 1000f;
            }
        }

        /// <summary>No stored estimate: a first reading, as if rested, with a variance that says it may not be.</summary>
        private void Start(CellFilter filter, float volts)
        {
            float soc = _ocv.Soc(volts - _resistance.R0 * _amps);
            float sd = UnrestedVolts / _ocv.Slope;
            filter.Reset(soc, FloatMath.Clamp(sd * sd, 0.0025f, 0.09f));
        }

        private void CloseWindow()
        {
            float seconds = _seconds;
            CoulombCounter counter = _counter;
            counter.Harvest(seconds);
            if (seconds != _decaySeconds)
            {
                _decay = FloatMath.Exp(-seconds / _tauSeconds);
                _decaySeconds = seconds;
            }

            float meanAmps = counter.MeanAmps;
            _resistance.Advance(_decay, meanAmps);
            _capacity.Count(meanAmps * seconds / 3600f);
            _socMoved = meanAmps * seconds / (3600f * _capacity.CapacityAh);
        }

        private void UpdateConditions()
        {
            float seconds = _seconds;
            CoulombCounter counter = _counter;
            if (_open && _wasOpen)
                counter.LearnOffset(_offsetLimitAmps);
            _restCompleted = _rest.Update(counter.MeanAmps, _amps, seconds, _restAmps, _relaxationSeconds);
            float celsius = _celsius;
            if (celsius > _factorCelsius + 0.5f || celsius < _factorCelsius - 0.5f)
            {
                _temperatureFactor = ResistanceTemperature.FactorAt(celsius);
                _factorCelsius = celsius;
            }

            float factor = _temperatureFactor;
            _rcTarget = _resistance.R1 * factor * counter.MeanAmps;
            _ohmicVolts = _resistance.R0 * factor * _amps;
            _socNoise = _socNoisePerSecond * seconds;
            _rcNoise = _rcNoisePerSecond * seconds;
            if (counter.Gap)
            {
                // Charge went uncounted: widen the estimates, forget what spans the gap.
                _socNoise += GapVariance;
                _capacity.DropAnchor();
                _resistance.Interrupt();
            }
        }

        /// <summary>
        /// The slow RC branch moves by the window's mean current, in a step of its own (its decay
        /// costs an exponential whenever the window's length changes). The readings take it off
        /// with the ohmic drop.
        /// </summary>
        private void AdvanceSlowBranch()
        {
            float seconds = _seconds;
            if (seconds != _slowDecaySeconds)
            {
                _slowDecay = FloatMath.Exp(-seconds / _slowTauSeconds);
                _slowDecaySeconds = seconds;
            }

            float decay = _slowDecay;
            float slow = decay * _slowVolts + (1f - decay) * _slowOhms * _temperatureFactor * _counter.MeanAmps;
            _slowVolts = slow;
            _slowBand = _rcError * (slow < 0f ? -slow : slow);
            _ohmicVolts += slow;
        }

        private void ObserveStep()
        {
            if (_cellsValid)
                _resistance.ObserveStep(_amps, _averageVolts - _slowVolts, _temperatureFactor, _socMoved, _pack.Soc + _socMoved, _ocv, _stepAmps);
            else
                _resistance.Interrupt();
        }

        private void ObserveWindow()
        {
            if (_cellsValid)
            {
                CellFilter pack = _pack;
                bool smooth = pack.HighestSlope <= ResistanceEstimator.MaxR1Slope && pack.HighestSlope <= ResistanceEstimator.MaxR1SlopeRatio * pack.LowestSlope;
                _resistance.ObserveWindow(_amps, _averageVolts - _slowVolts, _temperatureFactor, _socMoved, pack.Soc + _socMoved, _ocv, _seconds, _tauSeconds, _stepAmps, smooth);
            }
        }

        private void Predict(CellFilter filter)
        {
            filter.Predict(_socMoved, _decay, _rcTarget, _socNoise, _rcNoise);
            if (_rest.RestSeconds >= 3f * _tauSeconds)
                filter.Relax(_rcNoise);
        }

        private void Read(CellFilter filter, float volts)
        {
            if (_cellsValid)
                filter.Read(volts, _ohmicVolts, _ocv);
        }

        /// <summary>The average cell's reading, one cell a step; returns true after the last.</summary>
        private bool ReadPackCell()
        {
            if (!_cellsValid)
                return true;
            int cell = _readCell;
            if (cell == 0)
                _pack.BeginReading();
            _pack.AddReading(_cellVolts[cell] / 1000f, _ohmicVolts, _ocv);
            if (cell + 1 < _cells)
            {
                _readCell = cell + 1;
                return false;
            }

            _readCell = 0;
            _pack.EndReading();
            return true;
        }

        private void Update(CellFilter filter)
        {
            if (_cellsValid)
                filter.Update(_voltageNoise, _trustSlope, _rcError, _slowBand);
        }

        private void CheckRest()
        {
            float rest = _rest.RestSeconds;
            if (rest < 5f * _tauSeconds)
                _slowMark = NotMarked;
            else if (_slowMark == NotMarked && _cellsValid)
            {
                _slowMark = Marked;
                _slowMarkVolts = _averageVolts;
                _slowMarkModel = _slowVolts;
                _slowMarkMoved = 0f;
            }
            else
                _slowMarkMoved += _socMoved;

            if (_restCompleted && _cellsValid)
            {
                _job = RestJob;
                _jobStep = 0;
            }
        }

        private void CheckSave()
        {
            if (_nowMs < _nextSaveMs || _job != NoJob)
                return;
            _nextSaveMs = _nowMs + _savePeriodMs;
            float moved = _pack.Soc - _savedSoc;
            if (Events() != _savedEvents || moved > 0.001f || moved < -0.001f)
            {
                _job = SaveJob;
                _jobStep = -1;
            }
        }

        /// <summary>Counts that change when something worth saving was learned.</summary>
        private int Events()
        {
            return _resistance.R0Steps + _resistance.R1Steps + _capacity.Measurements + (_counter.OffsetSeconds > 0 ? 1 : 0) + _rest.Rests;
        }

        // ------------------------------------------------------------------ jobs

        /// <summary>
        /// A rest long enough: the last readings are open-circuit voltages now. Each filter whose
        /// reading lies where the curve is steep is reset to it; the average cell's reading is
        /// also a point for the capacity. One filter a step.
        /// </summary>
        private void RestStep()
        {
            int step = _jobStep;
            if (step == 0)
            {
                // The value is the mean of the cells' readings; whether it is trusted depends on
                // where the pack as a whole sits, the slope at its average voltage: cells spread
                // across LFP's knee near full still give a usable mean.
                float before = _pack.Soc;
                float soc = _pack.Reading;
                _ocv.Soc(_averageVolts);
                float slope = _ocv.Slope;
                bool trusted = slope >= _trustSlope;
                if (trusted)
                {
                    float variance = _voltageNoise / (slope * slope);
                    Settle(_pack, soc, variance);
                    _capacity.OnRestedReading(soc, variance, _capacitySpan);
                }

                LastRestSoc = soc;
                LastRestCorrection = soc - before;
                LastRestMs = _nowMs;
                LastRestTrusted = trusted;
                _jobStep = 1;
                return;
            }

            if (step == 1)
            {
                SettleFromVoltage(_min, _minVolts);
                _jobStep = 2;
                return;
            }

            if (step == 2)
            {
                SettleFromVoltage(_max, _maxVolts);
                _jobStep = 3;
                return;
            }

            MeasureSlowBranch();
            _job = NoJob;
        }

        /// <summary>
        /// From five fast time constants into a rest to its reading, the average cell's voltage
        /// moved by what the slow branch gave back (and by the OCV of the little charge counted):
        /// that over what the model's v2 gave back is how far R2 is off. R2 moves most of the way
        /// there, and v2 with it. Held only until a restart: the configured value is the start
        /// again.
        /// </summary>
        private void MeasureSlowBranch()
        {
            if (_slowMark != Marked)
                return;
            _slowMark = Measured;
            float predicted = _slowMarkModel - _slowVolts;
            // The OCV moved by the slope times the charge counted (little, at rest).
            float observed = _slowMarkVolts - _averageVolts + _pack.Slope * _slowMarkMoved;
            // Changes large enough to be more than noise, whichever of them is (a branch set too
            // small predicts too little); the model's not near zero, as with no branch
            // configured, which stays so.
            float size = (predicted < 0f ? -predicted : predicted) + (observed < 0f ? -observed : observed);
            if (size < MinSlowChangesVolts || (predicted < MinPredictedVolts && predicted > -MinPredictedVolts))
                return;
            float ratio = FloatMath.Clamp(observed / predicted, 0.25f, 4f);
            // Never beyond a quarter to four times the configured value: what relaxes after a
            // load on a real cell is not only an RC branch (LFP's hysteresis relaxes too).
            float ohms = FloatMath.Clamp(_slowOhms * (1f + SlowWeight * (ratio - 1f)), 0.25f * _configuredSlowOhms, 4f * _configuredSlowOhms);
            _slowVolts *= ohms / _slowOhms;
            _slowOhms = ohms;
            SlowMeasurements++;
        }

        private void SettleFromVoltage(CellFilter filter, float volts)
        {
            float soc = _ocv.Soc(volts - _slowVolts);
            float slope = _ocv.Slope;
            if (slope >= _trustSlope)
                Settle(filter, soc, _voltageNoise / (slope * slope));
        }

        private static void Settle(CellFilter filter, float soc, float variance)
        {
            float p11 = filter.P11;
            filter.Reset(soc, variance);
            filter.P11 = p11;
        }

        /// <summary>A spread save: the values (two a step), then the CRC (two bytes a step), then the write.</summary>
        private void SaveStep()
        {
            int step = _jobStep;
            if (step < 0)
            {
                FillValues();
                _jobStep = 0;
                return;
            }

            if (step < EstimateStore.SerialiseSteps)
            {
                _store.Serialise(step);
                _jobStep = step + 1;
                return;
            }

            if (!_store.ChecksumStep())
                return;
            _job = NoJob;
            _store.Write();
        }

        private void FillValues()
        {
            float[] v = _store.Values;
            v[EstimateStore.SocPack] = _pack.Soc;
            v[EstimateStore.SocMin] = _min.Soc;
            v[EstimateStore.SocMax] = _max.Soc;
            v[EstimateStore.CapacityAh] = _capacity.CapacityAh;
            v[EstimateStore.CapacityVariance] = _capacity.Variance;
            v[EstimateStore.R0Ohms] = _resistance.R0;
            v[EstimateStore.R1Ohms] = _resistance.R1;
            v[EstimateStore.OffsetAmps] = _counter.OffsetAmps;
            v[EstimateStore.AnchorSoc] = _capacity.HasAnchor ? _capacity.AnchorSoc : -1f;
            v[EstimateStore.AnchorVariance] = _capacity.AnchorVariance;
            v[EstimateStore.AhSinceAnchor] = _capacity.AhSinceAnchor;
            v[EstimateStore.CapacityMeasurements] = _capacity.Measurements;
            v[EstimateStore.DischargedAh] = _counter.DischargedAh;
            _savedSoc = _pack.Soc;
            _savedEvents = Events();
        }

        /// <summary>Saves the estimates at once (shutdown); returns true when written. Not for the control cycle: it costs a whole CRC.</summary>
        public bool Save()
        {
            if (!_initialised)
                return false;
            FillValues();
            if (_job == SaveJob)
                _job = NoJob;
            return _store.SaveNow();
        }
    }
}
