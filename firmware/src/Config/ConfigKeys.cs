using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Config
{
    /// <summary>
    /// Every key `config get` and `config set` know, built once from the profile's table. Values
    /// are read from and written to a profile; range checks are the profile's own validation,
    /// which the caller runs after a set, so the console and the boot-time check say the same.
    /// </summary>
    public sealed class ConfigKeys
    {
        /// <summary>The safety.* fields, in SafetyValue's order.</summary>
        private const int SafetyFields = 18;

        /// <summary>The name of a safety.* field. Switches of literals rather than static tables: a table of strings is kept on the heap for as long as the firmware runs, for a `config` command a technician may never type; a literal's text stays in the assembly.</summary>
        private static string SafetyName(int field)
        {
            switch (field)
            {
                case 0: return "min_plausible_cell_mv";
                case 1: return "max_plausible_cell_mv";
                case 2: return "thermistor_rail_counts";
                case 3: return "charge_detect_a";
                case 4: return "rated_charge_a";
                case 5: return "rated_discharge_a";
                case 6: return "stuck_min_a";
                case 7: return "pack_voltage_tolerance_mv";
                case 8: return "precharge_target_ratio";
                case 9: return "precharge_timeout_ms";
                case 10: return "precharge_retries";
                case 11: return "precharge_retry_pause_ms";
                case 12: return "weld_current_check_ms";
                case 13: return "weld_current_a";
                case 14: return "weld_voltage_check_ms";
                case 15: return "weld_voltage_ratio";
                case 16: return "cycle_overrun_periods";
                default: return "watchdog_timeout_ms";
            }
        }

        /// <summary>The unit of a safety.* field.</summary>
        private static string SafetyUnit(int field)
        {
            switch (field)
            {
                case 0: return "mV";
                case 1: return "mV";
                case 2: return "counts";
                case 3: return "A";
                case 4: return "A";
                case 5: return "A";
                case 6: return "A";
                case 7: return "mV";
                case 8: return "";
                case 9: return "ms";
                case 10: return "";
                case 11: return "ms";
                case 12: return "ms";
                case 13: return "A";
                case 14: return "ms";
                case 15: return "";
                case 16: return "periods";
                default: return "ms";
            }
        }

        /// <summary>A cell's number as it appears in keys (cells count from 1 at the console).</summary>
        private static string CellNumber(int cell)
        {
            switch (cell)
            {
                case 0: return "1";
                case 1: return "2";
                case 2: return "3";
                case 3: return "4";
                case 4: return "5";
                case 5: return "6";
                case 6: return "7";
                case 7: return "8";
                case 8: return "9";
                case 9: return "10";
                case 10: return "11";
                case 11: return "12";
                case 12: return "13";
                case 13: return "14";
                case 14: return "15";
                default: return "16";
            }
        }

        /// <summary>Longest key name: "limit.discharge_over_current_fast.recommended.debounce_ms" and some room.</summary>
        private const int MaxNameLength = 80;

        // Names are not kept: 180 strings of 20-60 characters were the largest single item of the
        // firmware's heap on an ESP32. A key is its kind and one argument (limit row, safety field
        // or cell), a byte each, and its name a few parts ("limit." FAULT "." TIER ".debounce_ms",
        // "safety." FIELD, "calibration.cell." N SUFFIX, or one word) that writing the name and
        // matching typed text walk alike, so a lookup builds nothing and stops at the first part
        // that differs.
        private readonly byte[] _kinds;
        private readonly byte[] _arguments;
        private readonly LimitRule[] _limits;
        private int _count;

        public ConfigKeys(PackProfile profile)
        {
            int capacity = 6 + profile.Limits.Length * 3 + SafetyFields + PackProfile.MaxCells * 2 + 4 + 12 + EstimationKeys.Names.Length;
            _kinds = new byte[capacity];
            _arguments = new byte[capacity];
            _limits = profile.Limits;
            Add(ConfigKeyKind.PackId, 0);
            Add(ConfigKeyKind.Chemistry, 0);
            Add(ConfigKeyKind.Cells, 0);
            Add(ConfigKeyKind.Thermistors, 0);
            Add(ConfigKeyKind.CapacityAh, 0);
            Add(ConfigKeyKind.SampleRateHz, 0);
            for (int row = 0; row < profile.Limits.Length; row++)
            {
                LimitRule rule = profile.Limits[row];
                if (!QuantityUnits.IsFlag(rule.Quantity))
                    Add(ConfigKeyKind.LimitValue, row);
                Add(ConfigKeyKind.LimitDebounce, row);
                if (rule.Tier == Tier.Maximum && !QuantityUnits.IsFlag(rule.Quantity))
                    Add(ConfigKeyKind.LimitHysteresis, row);
            }

            for (int i = 0; i < SafetyFields; i++)
                Add(ConfigKeyKind.Safety, i);
            for (int cell = 0; cell < PackProfile.MaxCells; cell++)
            {
                Add(ConfigKeyKind.CellGain, cell);
                Add(ConfigKeyKind.CellOffset, cell);
            }

            for (ConfigKeyKind kind = ConfigKeyKind.LinkGain; kind <= ConfigKeyKind.UplinkReconnectMax; kind++)
                Add(kind, 0);
            for (int e = 0; e < EstimationKeys.Names.Length; e++)
                Add(ConfigKeyKind.Estimation, e);
        }

        public int Count
        {
            get { return _count; }
        }

        /// <summary>The key's name as a new string, for messages and tests (output goes through AppendName).</summary>
        public string Name(int key)
        {
            AsciiWriter w = new AsciiWriter(MaxNameLength);
            AppendName(key, w);
            char[] chars = new char[w.Length];
            for (int i = 0; i < chars.Length; i++)
                chars[i] = (char)w.Buffer[i];
            return new string(chars);
        }

        /// <summary>Writes the key's name, e.g. "limit.cell_over_voltage.maximum"; returns how many characters.</summary>
        public int AppendName(int key, AsciiWriter w)
        {
            int length = 0;
            for (int index = 0; ; index++)
            {
                string part = Part(key, index);
                if (part == null)
                    return length;
                w.Append(part);
                length += part.Length;
            }
        }

        public ConfigKeyKind Kind(int key)
        {
            return (ConfigKeyKind)_kinds[key];
        }

        /// <summary>The key spelled by the bytes (case-insensitive), or -1.</summary>
        public int Find(byte[] text, int start, int length)
        {
            for (int key = 0; key < _count; key++)
            {
                if (Spells(key, text, start, length))
                    return key;
            }

            return -1;
        }

        private bool Spells(int key, byte[] text, int start, int length)
        {
            int at = start;
            int end = start + length;
            for (int index = 0; ; index++)
            {
                string part = Part(key, index);
                if (part == null)
                    return at == end;
                if (at + part.Length > end)
                    return false;
                for (int i = 0; i < part.Length; i++)
                {
                    int c = text[at + i];
                    if (c >= 'A' && c <= 'Z')
                        c += 'a' - 'A';
                    if (c != part[i])
                        return false;
                }

                at += part.Length;
            }
        }

        /// <summary>The key name's part at index, or null past the last.</summary>
        private string Part(int key, int index)
        {
            int argument = _arguments[key];
            ConfigKeyKind kind = Kind(key);
            switch (kind)
            {
                case ConfigKeyKind.LimitValue:
                case ConfigKeyKind.LimitDebounce:
                case ConfigKeyKind.LimitHysteresis:
                    return LimitPart(kind, _limits[argument], index);
                case ConfigKeyKind.Safety:
                    return index == 0 ? "safety." : index == 1 ? SafetyName(argument) : null;
                case ConfigKeyKind.Estimation:
                    return index == 0 ? "estimation." : index == 1 ? EstimationKeys.Names[argument] : null;
                case ConfigKeyKind.CellGain:
                case ConfigKeyKind.CellOffset:
                    if (index == 0)
                        return "calibration.cell.";
                    if (index == 1)
                        return CellNumber(argument);
                    if (index == 2)
                        return kind == ConfigKeyKind.CellGain ? ".gain_mv_per_count" : ".offset_mv";
                    return null;
                default:
                    return index == 0 ? FixedName(kind) : null;
            }
        }

        /// <summary>"limit." FAULT "." TIER (or "check" for a sensor check, "hysteresis"), then ".debounce_ms" for a debounce.</summary>
        private static string LimitPart(ConfigKeyKind kind, LimitRule rule, int index)
        {
            switch (index)
            {
                case 0: return "limit.";
                case 1: return FaultNames.Name(rule.Fault);
                case 2: return ".";
                case 3:
                    if (kind == ConfigKeyKind.LimitHysteresis)
                        return "hysteresis";
                    return QuantityUnits.IsFlag(rule.Quantity) ? "check" : TierNames.Name(rule.Tier);
                case 4: return kind == ConfigKeyKind.LimitDebounce ? ".debounce_ms" : null;
                default: return null;
            }
        }

        /// <summary>Whether the key applies to the profile (a calibration of a cell the pack has).</summary>
        public bool Applies(int key, PackProfile p)
        {
            ConfigKeyKind kind = Kind(key);
            return (kind != ConfigKeyKind.CellGain && kind != ConfigKeyKind.CellOffset) || _arguments[key] < p.CellCount;
        }

        /// <summary>Writes the key's value with its unit, e.g. "4250 mV".</summary>
        public void AppendValue(int key, ConfigRecord record, AsciiWriter w)
        {
            int argument = _arguments[key];
            PackProfile p = record.Profile;
            ConsoleSecret secret = record.Secret;
            UplinkSettings u = record.Uplink;
            switch (Kind(key))
            {
                case ConfigKeyKind.Estimation:
                    if (EstimationKeys.IsWhole(argument))
                        w.Append((long)EstimationKeys.Value(p.Estimation, argument));
                    else
                        w.AppendFixed(EstimationKeys.Value(p.Estimation, argument), 3);
                    Unit(w, EstimationKeys.Units[argument]);
                    return;
                case ConfigKeyKind.UplinkPrefix: w.Append(u.TopicPrefix); return;
                case ConfigKeyKind.UplinkDeviceId: w.Append(u.DeviceId == null ? "(the pack id)" : u.DeviceId); return;
                case ConfigKeyKind.UplinkFormat: w.Append(u.Format == PayloadFormat.Cbor ? "cbor" : "json"); return;
                case ConfigKeyKind.UplinkMode: w.Append(u.Mode == TelemetryMode.Aggregate ? "aggregate" : "samples"); return;
                case ConfigKeyKind.UplinkTelemetryQos: w.Append(u.TelemetryQos); return;
                case ConfigKeyKind.UplinkTelemetrySlots: w.Append(u.TelemetrySlots); return;
                case ConfigKeyKind.UplinkAlertSlots: w.Append(u.AlertSlots); return;
                case ConfigKeyKind.UplinkCommandKey: w.Append(u.CommandKey == null ? "(none: signed commands refused)" : "(set)"); return;
                case ConfigKeyKind.UplinkDiscovery: w.Append(u.HomeAssistantDiscovery ? "on" : "off"); return;
                case ConfigKeyKind.UplinkKeepAlive: w.Append(u.KeepAliveSeconds); w.Append(" s"); return;
                case ConfigKeyKind.UplinkReconnectFirst: w.Append(u.ReconnectFirstDelayMs); w.Append(" ms"); return;
                case ConfigKeyKind.UplinkReconnectMax: w.Append(u.ReconnectMaxDelayMs); w.Append(" ms"); return;
                case ConfigKeyKind.PackId: w.Append(p.PackId); return;
                case ConfigKeyKind.Chemistry: w.Append(p.Chemistry == Chemistry.Lfp ? "lfp" : "nmc"); return;
                case ConfigKeyKind.Cells: w.Append(p.CellCount); return;
                case ConfigKeyKind.Thermistors: w.Append(p.ThermistorCount); return;
                case ConfigKeyKind.CapacityAh: w.AppendFixed(p.CapacityAh, 3); w.Append(" Ah"); return;
                case ConfigKeyKind.SampleRateHz: w.Append(p.SampleRateHz); w.Append(" Hz"); return;
                case ConfigKeyKind.LimitValue:
                    w.AppendFixed(p.Limits[argument].Limit, 3);
                    Unit(w, p.Limits[argument].Unit);
                    return;
                case ConfigKeyKind.LimitDebounce: w.Append(p.Limits[argument].DebounceMs); w.Append(" ms"); return;
                case ConfigKeyKind.LimitHysteresis:
                    w.AppendFixed(p.Limits[argument].Hysteresis, 3);
                    Unit(w, p.Limits[argument].Unit);
                    return;
                case ConfigKeyKind.Safety:
                    if (IsWholeSafetyField(argument))
                        w.Append((long)SafetyValue(p.Safety, argument));
                    else
                        w.AppendFixed(SafetyValue(p.Safety, argument), 3);
                    Unit(w, SafetyUnit(argument));
                    return;
                case ConfigKeyKind.CellGain: w.AppendFixed(p.CellCalibration[argument].GainMillivoltsPerCount, 4); w.Append(" mV/count"); return;
                case ConfigKeyKind.CellOffset: w.AppendFixed(p.CellCalibration[argument].OffsetMillivolts, 3); w.Append(" mV"); return;
                case ConfigKeyKind.LinkGain: w.AppendFixed(p.LinkCalibration.GainMillivoltsPerCount, 4); w.Append(" mV/count"); return;
                case ConfigKeyKind.LinkOffset: w.AppendFixed(p.LinkCalibration.OffsetMillivolts, 3); w.Append(" mV"); return;
                case ConfigKeyKind.CurrentOffset: w.AppendFixed(p.CurrentOffsetAmps, 4); w.Append(" A"); return;
                default: w.Append(secret.IsFactoryDefault ? "(factory default: change it)" : "(set)"); return;
            }
        }

        /// <summary>
        /// Writes a value into the profile. Returns null when it parsed, else what was expected.
        /// The PIN is not handled here: it is hashed by the caller.
        /// </summary>
        public string Set(int key, ConfigRecord record, byte[] text, int start, int length)
        {
            int argument = _arguments[key];
            ConfigKeyKind kind = Kind(key);
            PackProfile p = record.Profile;
            if (kind == ConfigKeyKind.Estimation)
            {
                float number;
                if (!NumberParser.TryParse(text, start, length, out number))
                    return "a number";
                return EstimationKeys.Set(p.Estimation, argument, number, (int)number == number);
            }

            if (kind >= ConfigKeyKind.UplinkPrefix)
                return SetUplink(kind, record.Uplink, text, start, length);
            if (kind == ConfigKeyKind.PackId)
            {
                string id = Identifier(text, start, length, "");
                if (id == null)
                    return "1 to 32 letters, digits, - and _ (it is part of MQTT topics)";
                p.PackId = id;
                return null;
            }

            if (kind == ConfigKeyKind.Chemistry)
            {
                if (Is(text, start, length, "nmc"))
                    p.Chemistry = Chemistry.Nmc;
                else if (Is(text, start, length, "lfp"))
                    p.Chemistry = Chemistry.Lfp;
                else
                    return "nmc or lfp";
                return null;
            }

            float value;
            if (!NumberParser.TryParse(text, start, length, out value))
                return "a number";
            int whole = (int)value;
            bool isWhole = whole == value;
            switch (kind)
            {
                case ConfigKeyKind.Cells:
                    if (!isWhole)
                        return "a whole number";
                    p.CellCount = whole;
                    ResizeCalibration(p);
                    return null;
                case ConfigKeyKind.Thermistors:
                    if (!isWhole)
                        return "a whole number";
                    p.ThermistorCount = whole;
                    return null;
                case ConfigKeyKind.CapacityAh: p.CapacityAh = value; return null;
                case ConfigKeyKind.SampleRateHz:
                    if (!isWhole)
                        return "a whole number";
                    p.SampleRateHz = whole;
                    return null;
                case ConfigKeyKind.LimitValue:
                    p.Limits[argument] = With(p.Limits[argument], value, p.Limits[argument].Hysteresis, p.Limits[argument].DebounceMs);
                    return null;
                case ConfigKeyKind.LimitDebounce:
                    if (!isWhole)
                        return "a whole number of ms";
                    p.Limits[argument] = With(p.Limits[argument], p.Limits[argument].Limit, p.Limits[argument].Hysteresis, whole);
                    return null;
                case ConfigKeyKind.LimitHysteresis:
                    // One hysteresis for every tier of the fault, as the presets have it.
                    FaultId fault = p.Limits[argument].Fault;
                    for (int row = 0; row < p.Limits.Length; row++)
                    {
                        if (p.Limits[row].Fault == fault)
                            p.Limits[row] = With(p.Limits[row], p.Limits[row].Limit, value, p.Limits[row].DebounceMs);
                    }

                    return null;
                case ConfigKeyKind.Safety:
                    return SetSafety(p.Safety, argument, value, isWhole);
                case ConfigKeyKind.CellGain: p.CellCalibration[argument].GainMillivoltsPerCount = value; return null;
                case ConfigKeyKind.CellOffset: p.CellCalibration[argument].OffsetMillivolts = value; return null;
                case ConfigKeyKind.LinkGain: p.LinkCalibration.GainMillivoltsPerCount = value; return null;
                case ConfigKeyKind.LinkOffset: p.LinkCalibration.OffsetMillivolts = value; return null;
                case ConfigKeyKind.CurrentOffset: p.CurrentOffsetAmps = value; return null;
                default: return "a value";
            }
        }

        private static string SetUplink(ConfigKeyKind kind, UplinkSettings u, byte[] text, int start, int length)
        {
            switch (kind)
            {
                case ConfigKeyKind.UplinkPrefix:
                    string prefix = Identifier(text, start, length, "/");
                    if (prefix == null)
                        return "letters, digits, -, _ and / only";
                    u.TopicPrefix = prefix;
                    return null;
                case ConfigKeyKind.UplinkDeviceId:
                    string id = Identifier(text, start, length, "");
                    if (id == null)
                        return "letters, digits, - and _ only";
                    u.DeviceId = id;
                    return null;
                case ConfigKeyKind.UplinkFormat:
                    if (Is(text, start, length, "json"))
                        u.Format = PayloadFormat.Json;
                    else if (Is(text, start, length, "cbor"))
                        u.Format = PayloadFormat.Cbor;
                    else
                        return "json or cbor";
                    return null;
                case ConfigKeyKind.UplinkMode:
                    if (Is(text, start, length, "samples"))
                        u.Mode = TelemetryMode.Samples;
                    else if (Is(text, start, length, "aggregate"))
                        u.Mode = TelemetryMode.Aggregate;
                    else
                        return "samples or aggregate";
                    return null;
                case ConfigKeyKind.UplinkDiscovery:
                    if (Is(text, start, length, "on"))
                        u.HomeAssistantDiscovery = true;
                    else if (Is(text, start, length, "off"))
                        u.HomeAssistantDiscovery = false;
                    else
                        return "on or off";
                    return null;
                case ConfigKeyKind.UplinkCommandKey:
                    return SetHexKey(u, text, start, length);
            }

            int value;
            if (!NumberParser.TryParseInt(text, start, length, out value))
                return "a whole number";
            switch (kind)
            {
                case ConfigKeyKind.UplinkTelemetryQos: u.TelemetryQos = value; break;
                case ConfigKeyKind.UplinkTelemetrySlots: u.TelemetrySlots = value; break;
                case ConfigKeyKind.UplinkAlertSlots: u.AlertSlots = value; break;
                case ConfigKeyKind.UplinkKeepAlive: u.KeepAliveSeconds = value; break;
                case ConfigKeyKind.UplinkReconnectFirst: u.ReconnectFirstDelayMs = value; break;
                default: u.ReconnectMaxDelayMs = value; break;
            }

            return null;
        }

        /// <summary>The key as hex digits (two per byte); the range is checked with the rest of the settings.</summary>
        private static string SetHexKey(UplinkSettings u, byte[] text, int start, int length)
        {
            byte[] key = new byte[length / 2];
            if (length % 2 != 0 || !Uplink.Commands.Hex.Decode(text, start, length, key))
                return "hex digits, two per byte";
            u.CommandKey = key;
            return null;
        }

        /// <summary>The bytes as a string when they are letters, digits, '-', '_' or one of extra; else null.</summary>
        private static string Identifier(byte[] text, int start, int length, string extra)
        {
            if (length < 1 || length > 32)
                return null;
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                int c = text[start + i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                for (int j = 0; j < extra.Length && !ok; j++)
                    ok = c == extra[j];
                if (!ok)
                    return null;
                chars[i] = (char)c;
            }

            return new string(chars);
        }

        private void Add(ConfigKeyKind kind, int argument)
        {
            _kinds[_count] = (byte)kind;
            _arguments[_count] = (byte)argument;
            _count++;
        }

        private static string FixedName(ConfigKeyKind kind)
        {
            switch (kind)
            {
                case ConfigKeyKind.PackId: return "pack.id";
                case ConfigKeyKind.Chemistry: return "pack.chemistry";
                case ConfigKeyKind.Cells: return "pack.cells";
                case ConfigKeyKind.Thermistors: return "pack.thermistors";
                case ConfigKeyKind.CapacityAh: return "pack.capacity_ah";
                case ConfigKeyKind.SampleRateHz: return "pack.rate_hz";
                case ConfigKeyKind.LinkGain: return "calibration.link.gain_mv_per_count";
                case ConfigKeyKind.LinkOffset: return "calibration.link.offset_mv";
                case ConfigKeyKind.CurrentOffset: return "calibration.current.offset_a";
                case ConfigKeyKind.Pin: return "console.pin";
                case ConfigKeyKind.UplinkPrefix: return "uplink.topic_prefix";
                case ConfigKeyKind.UplinkDeviceId: return "uplink.device_id";
                case ConfigKeyKind.UplinkFormat: return "uplink.format";
                case ConfigKeyKind.UplinkMode: return "uplink.mode";
                case ConfigKeyKind.UplinkTelemetryQos: return "uplink.telemetry_qos";
                case ConfigKeyKind.UplinkTelemetrySlots: return "uplink.telemetry_slots";
                case ConfigKeyKind.UplinkAlertSlots: return "uplink.alert_slots";
                case ConfigKeyKind.UplinkCommandKey: return "uplink.command_key";
                case ConfigKeyKind.UplinkDiscovery: return "uplink.ha_discovery";
                case ConfigKeyKind.UplinkKeepAlive: return "uplink.keep_alive_s";
                case ConfigKeyKind.UplinkReconnectFirst: return "uplink.reconnect_first_ms";
                default: return "uplink.reconnect_max_ms";
            }
        }

        private static void Unit(AsciiWriter w, string unit)
        {
            if (unit.Length == 0 || unit == "flag")
                return;
            w.Append(' ');
            w.Append(unit);
        }

        private static LimitRule With(LimitRule rule, float limit, float hysteresis, int debounceMs)
        {
            return new LimitRule(rule.Fault, rule.Quantity, rule.Tier, limit, hysteresis, debounceMs);
        }

        private static void ResizeCalibration(PackProfile p)
        {
            if (p.CellCount < PackProfile.MinCells || p.CellCount > PackProfile.MaxCells || p.CellCalibration.Length == p.CellCount)
                return;
            ChannelCalibration[] resized = new ChannelCalibration[p.CellCount];
            for (int i = 0; i < resized.Length; i++)
                resized[i] = i < p.CellCalibration.Length ? p.CellCalibration[i] : ChannelCalibration.Nominal();
            p.CellCalibration = resized;
        }

        private static bool Is(byte[] text, int start, int length, string word)
        {
            if (length != word.Length)
                return false;
            for (int i = 0; i < length; i++)
            {
                int c = text[start + i];
                if (c >= 'A' && c <= 'Z')
                    c += 'a' - 'A';
                if (c != word[i])
                    return false;
            }

            return true;
        }

        private static float SafetyValue(SafetyParameters s, int field)
        {
            switch (field)
            {
                case 0: return s.MinPlausibleCellMillivolts;
                case 1: return s.MaxPlausibleCellMillivolts;
                case 2: return s.ThermistorRailCounts;
                case 3: return s.ChargeDetectAmps;
                case 4: return s.RatedChargeAmps;
                case 5: return s.RatedDischargeAmps;
                case 6: return s.StuckMinAmps;
                case 7: return s.PackVoltageToleranceMillivolts;
                case 8: return s.PrechargeTargetRatio;
                case 9: return s.PrechargeTimeoutMs;
                case 10: return s.PrechargeRetries;
                case 11: return s.PrechargeRetryPauseMs;
                case 12: return s.WeldCurrentCheckMs;
                case 13: return s.WeldCurrentAmps;
                case 14: return s.WeldVoltageCheckMs;
                case 15: return s.WeldVoltageRatio;
                case 16: return s.CycleOverrunPeriods;
                default: return s.WatchdogTimeoutMs;
            }
        }

        /// <summary>Counts, periods, retries and milliseconds: whole numbers.</summary>
        private static bool IsWholeSafetyField(int field)
        {
            return field == 2 || field == 9 || field == 10 || field == 11 || field == 12 || field == 14 || field == 16 || field == 17;
        }

        private static string SetSafety(SafetyParameters s, int field, float value, bool isWhole)
        {
            if (IsWholeSafetyField(field) && !isWhole)
                return "a whole number";
            int whole = (int)value;
            switch (field)
            {
                case 0: s.MinPlausibleCellMillivolts = value; break;
                case 1: s.MaxPlausibleCellMillivolts = value; break;
                case 2: s.ThermistorRailCounts = whole; break;
                case 3: s.ChargeDetectAmps = value; break;
                case 4: s.RatedChargeAmps = value; break;
                case 5: s.RatedDischargeAmps = value; break;
                case 6: s.StuckMinAmps = value; break;
                case 7: s.PackVoltageToleranceMillivolts = value; break;
                case 8: s.PrechargeTargetRatio = value; break;
                case 9: s.PrechargeTimeoutMs = whole; break;
                case 10: s.PrechargeRetries = whole; break;
                case 11: s.PrechargeRetryPauseMs = whole; break;
                case 12: s.WeldCurrentCheckMs = whole; break;
                case 13: s.WeldCurrentAmps = value; break;
                case 14: s.WeldVoltageCheckMs = whole; break;
                case 15: s.WeldVoltageRatio = value; break;
                case 16: s.CycleOverrunPeriods = whole; break;
                default: s.WatchdogTimeoutMs = whole; break;
            }

            return null;
        }
    }
}
