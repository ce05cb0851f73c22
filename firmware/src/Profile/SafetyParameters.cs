namespace nanoFramework.BMS.Profile
{
    /// <summary>
    /// The limit table's scalar part: plausibility ranges, contactor sequencing and fail-safe
    /// timing. Lives in the profile beside the rows so docs/safety.md is generated from one place.
    /// </summary>
    public sealed class SafetyParameters
    {
        /// <summary>Cell readings outside this range are an open or shorted tap, not a cell voltage, mV.</summary>
        public float MinPlausibleCellMillivolts = 1000f;
        public float MaxPlausibleCellMillivolts = 4800f;

        /// <summary>Thermistor counts this close to either ADC rail mean an open or shorted sensor.</summary>
        public int ThermistorRailCounts = 60;

        /// <summary>
        /// Each thermistor is read at least this often, round-robin, a few a cycle: temperatures
        /// move over seconds, and reading all eight every 10 ms would cost the interpreter about
        /// 400 IL a cycle for nothing. Added to every temperature fault's worst case. A constant,
        /// not a setting: the generated reaction times (docs/safety.md) are computed from it.
        /// </summary>
        public const int TemperatureScanMs = 100;

        /// <summary>Above this current the pack counts as charging (charge window applies), A.</summary>
        public float ChargeDetectAmps = 0.05f;

        /// <summary>Continuous ratings: the published current limits before derating, A.</summary>
        public float RatedChargeAmps;
        public float RatedDischargeAmps;

        /// <summary>A current reading bit-for-bit unchanged this long while |current| exceeds StuckMinAmps is stuck.</summary>
        public int StuckCurrentMs = 2000;
        public float StuckMinAmps = 0.2f;

        /// <summary>Allowed difference between the sum of the cells and the measured pack voltage, mV.</summary>
        public float PackVoltageToleranceMillivolts = 500f;

        /// <summary>Precharge ends when the load side reaches this fraction of the pack voltage.</summary>
        public float PrechargeTargetRatio = 0.95f;
        public int PrechargeTimeoutMs = 2000;
        public int PrechargeRetries = 2;
        public int PrechargeRetryPauseMs = 1000;

        /// <summary>After an open, current above WeldCurrentAmps WeldCurrentCheckMs later means a welded contactor.</summary>
        public int WeldCurrentCheckMs = 100;
        public float WeldCurrentAmps = 0.5f;

        /// <summary>After an open, a load side still above WeldVoltageRatio of the pack WeldVoltageCheckMs later means a welded contactor.</summary>
        public int WeldVoltageCheckMs = 1000;
        public float WeldVoltageRatio = 0.9f;

        /// <summary>Cycle starts further apart than this many periods are an overrun.</summary>
        public int CycleOverrunPeriods = 3;

        /// <summary>The board's watchdog opens the contactor when the cycle has not fed it for this long, ms.</summary>
        public int WatchdogTimeoutMs = 500;
    }
}
