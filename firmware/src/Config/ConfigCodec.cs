using nanoFramework.BMS.Acquisition;
using nanoFramework.BMS.Estimation;
using nanoFramework.BMS.Profile;
using nanoFramework.BMS.Uplink;

namespace nanoFramework.BMS.Config
{
    /// <summary>
    /// The configuration record's bytes: a header (magic, format version, sequence, payload
    /// length), the payload, and a CRC-32 over both. Decoding checks all of it and then the
    /// profile's own validation, so a record that loads is a record that can run.
    /// </summary>
    public static class ConfigCodec
    {
        /// <summary>
        /// 2 added the estimation tunables at the end, 3 the slow RC branch and the RC error
        /// after them; a version 1 record loads all of them with their defaults, a version 2
        /// record the three new ones.
        /// </summary>
        public const int FormatVersion = 3;

        /// <summary>
        /// The largest record, 16 cells with every text and the command key at full length, is
        /// about 1,100 bytes (a test checks); a little more leaves room for a format change.
        /// </summary>
        public const int MaxRecordBytes = 1280;
        private const int Magic = 0x43534D42; // "BMSC"
        private const int HeaderBytes = 12;

        /// <summary>Where the payload length starts: after magic, format version and sequence number.</summary>
        public const int PayloadOffset = 10;
        private const float Milli = 1000f;
        private const float Micro = 1000000f;

        /// <summary>Writes the record into buffer; returns its length, or -1 when it does not fit.</summary>
        public static int Encode(ConfigRecord record, byte[] buffer)
        {
            RecordWriter w = new RecordWriter(buffer);
            w.Int32(Magic);
            w.Int16(FormatVersion);
            w.Int32(record.Sequence);
            w.Int16(0); // payload length, filled in below
            WriteProfile(w, record.Profile);
            w.Bytes(record.Secret.Salt, ConsoleSecret.SaltBytes);
            w.Bytes(record.Secret.Hash, ConsoleSecret.HashBytes);
            w.Byte(record.Secret.IsFactoryDefault ? 1 : 0);
            WriteUplink(w, record.Uplink);
            WriteEstimation(w, record.Profile.Estimation);
            int payload = w.Position - HeaderBytes;
            if (w.Overflowed || w.Position + 4 > buffer.Length)
                return -1;
            buffer[PayloadOffset] = (byte)payload;
            buffer[PayloadOffset + 1] = (byte)(payload >> 8);
            w.Int32((int)Crc32.Compute(buffer, 0, w.Position));
            return w.Position;
        }

        /// <summary>
        /// Reads a record. Returns null and a reason when the bytes are damaged, from another
        /// format, or describe a profile that fails validation.
        /// </summary>
        public static ConfigRecord Decode(byte[] buffer, int length, out string problem)
        {
            problem = null;
            if (length < HeaderBytes + 4)
            {
                problem = length < 0 ? "missing" : "too short";
                return null;
            }

            RecordReader r = new RecordReader(buffer, 0, length);
            if (r.Int32() != Magic)
            {
                problem = "not a configuration record";
                return null;
            }

            int version = r.Int16();
            int sequence = r.Int32();
            int payload = r.Int16() & 0xFFFF;
            if (HeaderBytes + payload + 4 != length)
            {
                problem = "length does not match (torn write?)";
                return null;
            }

            uint stored = (uint)(buffer[length - 4] | (buffer[length - 3] << 8) | (buffer[length - 2] << 16) | (buffer[length - 1] << 24));
            if (stored != Crc32.Compute(buffer, 0, length - 4))
            {
                problem = "CRC mismatch";
                return null;
            }

            if (version < 1 || version > FormatVersion)
            {
                problem = "format version " + version + ", expected " + FormatVersion;
                return null;
            }

            RecordReader payloadReader = new RecordReader(buffer, HeaderBytes, length - 4);
            ConfigRecord record = new ConfigRecord();
            record.Sequence = sequence;
            record.Profile = ReadProfile(payloadReader);
            payloadReader.Bytes(record.Secret.Salt, ConsoleSecret.SaltBytes);
            payloadReader.Bytes(record.Secret.Hash, ConsoleSecret.HashBytes);
            record.Secret.IsFactoryDefault = payloadReader.Byte() != 0;
            record.Uplink = ReadUplink(payloadReader);
            if (record.Profile != null)
                record.Profile.Estimation = version == 1 ? EstimationParameters.Defaults(record.Profile.Chemistry, record.Profile.CapacityAh) : ReadEstimation(payloadReader, version, record.Profile);
            if (payloadReader.Overflowed || record.Profile == null)
            {
                problem = "payload is incomplete";
                return null;
            }

            problem = record.Validate();
            return problem == null ? record : null;
        }

        private static void WriteProfile(RecordWriter w, PackProfile p)
        {
            w.Text(p.PackId, 32);
            w.Byte((int)p.Chemistry);
            w.Byte(p.CellCount);
            w.Byte(p.ThermistorCount);
            w.Fixed(p.CapacityAh, Milli);
            w.Int16(p.SampleRateHz);
            w.Byte(p.CellCalibration.Length);
            for (int i = 0; i < p.CellCalibration.Length; i++)
                WriteCalibration(w, p.CellCalibration[i]);
            WriteCalibration(w, p.LinkCalibration);
            w.Fixed(p.CurrentOffsetAmps, Micro);
            w.Byte(p.Limits.Length);
            for (int i = 0; i < p.Limits.Length; i++)
            {
                LimitRule rule = p.Limits[i];
                w.Byte((int)rule.Fault);
                w.Byte((int)rule.Quantity);
                w.Byte((int)rule.Tier);
                w.Fixed(rule.Limit, Milli);
                w.Fixed(rule.Hysteresis, Milli);
                w.Int32(rule.DebounceMs);
            }

            SafetyParameters s = p.Safety;
            w.Fixed(s.MinPlausibleCellMillivolts, Milli);
            w.Fixed(s.MaxPlausibleCellMillivolts, Milli);
            w.Int16(s.ThermistorRailCounts);
            w.Fixed(s.ChargeDetectAmps, Milli);
            w.Fixed(s.RatedChargeAmps, Milli);
            w.Fixed(s.RatedDischargeAmps, Milli);
            w.Fixed(s.StuckMinAmps, Milli);
            w.Fixed(s.PackVoltageToleranceMillivolts, Milli);
            w.Fixed(s.PrechargeTargetRatio, Milli);
            w.Int32(s.PrechargeTimeoutMs);
            w.Byte(s.PrechargeRetries);
            w.Int32(s.PrechargeRetryPauseMs);
            w.Int32(s.WeldCurrentCheckMs);
            w.Fixed(s.WeldCurrentAmps, Milli);
            w.Int32(s.WeldVoltageCheckMs);
            w.Fixed(s.WeldVoltageRatio, Milli);
            w.Int16(s.CycleOverrunPeriods);
            w.Int32(s.WatchdogTimeoutMs);
        }

        private static PackProfile ReadProfile(RecordReader r)
        {
            PackProfile p = new PackProfile();
            p.PackId = r.Text();
            p.Chemistry = (Chemistry)r.Byte();
            p.CellCount = r.Byte();
            p.ThermistorCount = r.Byte();
            p.CapacityAh = r.Fixed(Milli);
            p.SampleRateHz = r.Int16();
            int calibrations = r.Byte();
            p.CellCalibration = new ChannelCalibration[calibrations];
            for (int i = 0; i < calibrations; i++)
                p.CellCalibration[i] = ReadCalibration(r);
            p.LinkCalibration = ReadCalibration(r);
            p.CurrentOffsetAmps = r.Fixed(Micro);
            int rows = r.Byte();
            p.Limits = new LimitRule[rows];
            for (int i = 0; i < rows; i++)
            {
                FaultId fault = (FaultId)r.Byte();
                Quantity quantity = (Quantity)r.Byte();
                Tier tier = (Tier)r.Byte();
                float limit = r.Fixed(Milli);
                float hysteresis = r.Fixed(Milli);
                p.Limits[i] = new LimitRule(fault, quantity, tier, limit, hysteresis, r.Int32());
            }

            SafetyParameters s = p.Safety;
            s.MinPlausibleCellMillivolts = r.Fixed(Milli);
            s.MaxPlausibleCellMillivolts = r.Fixed(Milli);
            s.ThermistorRailCounts = r.Int16();
            s.ChargeDetectAmps = r.Fixed(Milli);
            s.RatedChargeAmps = r.Fixed(Milli);
            s.RatedDischargeAmps = r.Fixed(Milli);
            s.StuckMinAmps = r.Fixed(Milli);
            s.PackVoltageToleranceMillivolts = r.Fixed(Milli);
            s.PrechargeTargetRatio = r.Fixed(Milli);
            s.PrechargeTimeoutMs = r.Int32();
            s.PrechargeRetries = r.Byte();
            s.PrechargeRetryPauseMs = r.Int32();
            s.WeldCurrentCheckMs = r.Int32();
            s.WeldCurrentAmps = r.Fixed(Milli);
            s.WeldVoltageCheckMs = r.Int32();
            s.WeldVoltageRatio = r.Fixed(Milli);
            s.CycleOverrunPeriods = r.Int16();
            s.WatchdogTimeoutMs = r.Int32();
            return p;
        }

        private static void WriteUplink(RecordWriter w, UplinkSettings u)
        {
            w.Text(u.TopicPrefix, 32);
            w.Text(u.DeviceId, 32);
            w.Byte((int)u.Format);
            w.Byte((int)u.Mode);
            w.Byte(u.TelemetryQos);
            w.Int16(u.TelemetrySlots);
            w.Int16(u.AlertSlots);
            int keyLength = u.CommandKey == null ? 0 : u.CommandKey.Length;
            w.Byte(keyLength);
            w.Bytes(u.CommandKey, keyLength);
            w.Byte(u.HomeAssistantDiscovery ? 1 : 0);
            w.Text(u.HomeAssistantPrefix, 32);
            w.Int16(u.KeepAliveSeconds);
            w.Int32(u.ReconnectFirstDelayMs);
            w.Int32(u.ReconnectMaxDelayMs);
        }

        private static UplinkSettings ReadUplink(RecordReader r)
        {
            UplinkSettings u = new UplinkSettings();
            u.TopicPrefix = r.Text();
            string deviceId = r.Text();
            u.DeviceId = deviceId.Length == 0 ? null : deviceId;
            u.Format = (PayloadFormat)r.Byte();
            u.Mode = (TelemetryMode)r.Byte();
            u.TelemetryQos = r.Byte();
            u.TelemetrySlots = r.Int16();
            u.AlertSlots = r.Int16();
            int keyLength = r.Byte();
            if (keyLength > 0)
            {
                u.CommandKey = new byte[keyLength];
                r.Bytes(u.CommandKey, keyLength);
            }

            u.HomeAssistantDiscovery = r.Byte() != 0;
            u.HomeAssistantPrefix = r.Text();
            u.KeepAliveSeconds = r.Int16();
            u.ReconnectFirstDelayMs = r.Int32();
            u.ReconnectMaxDelayMs = r.Int32();
            return u;
        }

        private static void WriteEstimation(RecordWriter w, EstimationParameters e)
        {
            w.Int32(e.RelaxationSeconds);
            w.Fixed(e.RestAmps, Milli);
            w.Fixed(e.VoltageNoiseMillivolts, Milli);
            w.Fixed(e.SocDriftPercentPerHour, Milli);
            w.Fixed(e.RcNoiseMillivolts, Milli);
            w.Fixed(e.TrustSlopeMillivoltsPerPercent, Milli);
            w.Fixed(e.R0Milliohms, Milli);
            w.Fixed(e.R1Milliohms, Milli);
            w.Int32(e.TauSeconds);
            w.Fixed(e.OffsetLimitAmps, Milli);
            w.Fixed(e.StepAmps, Milli);
            w.Fixed(e.CapacitySpanPercent, Milli);
            w.Int32(e.SavePeriodSeconds);
            w.Fixed(e.TaperFullPercent, Milli);
            w.Fixed(e.TaperEmptyPercent, Milli);
            w.Fixed(e.LimitFloorPercent, Milli);
            w.Fixed(e.R2Milliohms, Milli);
            w.Int32(e.Tau2Seconds);
            w.Fixed(e.RcErrorPercent, Milli);
        }

        private static EstimationParameters ReadEstimation(RecordReader r, int version, PackProfile profile)
        {
            EstimationParameters e = new EstimationParameters();
            e.RelaxationSeconds = r.Int32();
            e.RestAmps = r.Fixed(Milli);
            e.VoltageNoiseMillivolts = r.Fixed(Milli);
            e.SocDriftPercentPerHour = r.Fixed(Milli);
            e.RcNoiseMillivolts = r.Fixed(Milli);
            e.TrustSlopeMillivoltsPerPercent = r.Fixed(Milli);
            e.R0Milliohms = r.Fixed(Milli);
            e.R1Milliohms = r.Fixed(Milli);
            e.TauSeconds = r.Int32();
            e.OffsetLimitAmps = r.Fixed(Milli);
            e.StepAmps = r.Fixed(Milli);
            e.CapacitySpanPercent = r.Fixed(Milli);
            e.SavePeriodSeconds = r.Int32();
            e.TaperFullPercent = r.Fixed(Milli);
            e.TaperEmptyPercent = r.Fixed(Milli);
            e.LimitFloorPercent = r.Fixed(Milli);
            if (version == 2)
            {
                EstimationParameters d = EstimationParameters.Defaults(profile.Chemistry, profile.CapacityAh);
                e.R2Milliohms = d.R2Milliohms;
                e.Tau2Seconds = d.Tau2Seconds;
                e.RcErrorPercent = d.RcErrorPercent;
                return e;
            }

            e.R2Milliohms = r.Fixed(Milli);
            e.Tau2Seconds = r.Int32();
            e.RcErrorPercent = r.Fixed(Milli);
            return e;
        }

        private static void WriteCalibration(RecordWriter w, ChannelCalibration c)
        {
            w.Fixed(c.GainMillivoltsPerCount, Micro);
            w.Fixed(c.OffsetMillivolts, Milli);
        }

        private static ChannelCalibration ReadCalibration(RecordReader r)
        {
            float gain = r.Fixed(Micro);
            return new ChannelCalibration(gain, r.Fixed(Milli));
        }
    }
}
