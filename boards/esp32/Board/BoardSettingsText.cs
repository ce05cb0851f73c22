using nanoFramework.BMS.Config;
using nanoFramework.BMS.Profile;

namespace nanoFramework.BMS.Esp32.Board
{
    /// <summary>
    /// Reads I:\board.ini, one `key = value` a line (`#` starts a comment), into a board
    /// configuration: the site's WiFi and broker, the factory PIN, and the front-end values of
    /// this build (docs/esp32.md lists every key). Works on the file's bytes, as the console does.
    /// An unknown key or a bad value is reported and skipped; the rest still applies, so one typo
    /// never leaves a board without its broker.
    /// </summary>
    public static class BoardSettingsText
    {
        /// <summary>Applies every line it understands; returns null, or "; "-separated problems naming line and key.</summary>
        public static string Apply(byte[] text, int length, Esp32BoardConfig config)
        {
            string problems = null;
            int lineNumber = 0;
            int start = 0;
            while (start < length)
            {
                int end = start;
                while (end < length && text[end] != '\n')
                    end++;
                lineNumber++;
                string problem = ApplyLine(text, start, end, config);
                if (problem != null)
                    problems = (problems == null ? "" : problems + "; ") + "line " + lineNumber + ": " + problem;
                start = end + 1;
            }

            return problems;
        }

        private static string ApplyLine(byte[] text, int start, int end, Esp32BoardConfig config)
        {
            for (int i = start; i < end; i++)
            {
                if (text[i] == '#')
                {
                    end = i;
                    break;
                }
            }

            int keyStart = SkipSpaces(text, start, end);
            if (keyStart == end)
                return null;
            int equals = keyStart;
            while (equals < end && text[equals] != '=')
                equals++;
            if (equals == end)
                return "expected key = value";
            int keyEnd = TrimEnd(text, keyStart, equals);
            int valueStart = SkipSpaces(text, equals + 1, end);
            int valueEnd = TrimEnd(text, valueStart, end);
            string key = Ascii(text, keyStart, keyEnd - keyStart);
            string problem = Set(key, text, valueStart, valueEnd - valueStart, config);
            return problem == null ? null : key + " " + problem;
        }

        private static string Set(string key, byte[] text, int start, int length, Esp32BoardConfig c)
        {
            BrokerSettings b = c.Broker;
            string value = Ascii(text, start, length);
            switch (key)
            {
                case "wifi.ssid": b.WifiSsid = value; return null;
                case "wifi.password": b.WifiPassword = value; return null;
                case "mqtt.host": b.Host = value; return null;
                case "mqtt.user": b.User = value; return null;
                case "mqtt.password": b.Password = value; return null;
                case "mqtt.ca_file": b.CaCertificateFile = value; return null;
                case "console.factory_pin": c.FactoryPin = value.Length == 0 ? null : value; return null;
                case "mqtt.tls":
                    if (value == "on")
                        b.Tls = true;
                    else if (value == "off")
                        b.Tls = false;
                    else
                        return "expects on or off";
                    return null;
                case "pack.chemistry":
                    if (value == "nmc")
                        c.Chemistry = Chemistry.Nmc;
                    else if (value == "lfp")
                        c.Chemistry = Chemistry.Lfp;
                    else
                        return "expects nmc or lfp";
                    return null;
            }

            if (key == "ina219.address" || key == "ina219.voltmeter_address")
            {
                int address = HexOrDecimal(text, start, length);
                if (address < 0x40 || address > 0x4F)
                    return "expects an INA219 address, 0x40 to 0x4F";
                if (key == "ina219.address")
                    c.Ina219Address = address;
                else
                    c.PackVoltmeterAddress = address;
                return null;
            }

            float number;
            if (!NumberParser.TryParse(text, start, length, out number))
                return "expects a number";
            int whole = (int)number;
            string problem;
            switch (key)
            {
                case "mqtt.port":
                    if ((problem = Range(number, 1, 65535)) == null)
                        c.Broker.Port = whole;
                    return problem;
                case "mqtt.timeout_ms":
                    if ((problem = Range(number, 500, 60000)) == null)
                        c.Broker.TimeoutMs = whole;
                    return problem;
                case "console.baud":
                    if ((problem = Range(number, 1200, 2000000)) == null)
                        c.ConsoleBaud = whole;
                    return problem;
                case "pack.cells":
                    if ((problem = Range(number, PackProfile.MinCells, PackProfile.MaxCells)) == null)
                        c.Cells = whole;
                    return problem;
                case "pack.thermistors":
                    if ((problem = Range(number, PackProfile.MinThermistors, PackProfile.MaxThermistors)) == null)
                        c.Thermistors = whole;
                    return problem;
                case "pack.capacity_ah":
                    if ((problem = Positive(number)) == null)
                        c.CapacityAh = number;
                    return problem;
                case "pack.rate_hz":
                    if ((problem = Range(number, PackProfile.MinSampleRateHz, PackProfile.MaxSampleRateHz)) == null)
                        c.SampleRateHz = whole;
                    return problem;
                case "adc.mv_per_count":
                    if ((problem = Positive(number)) == null)
                        c.AdcMillivoltsPerCount = number;
                    return problem;
                case "divider.cell_ratio":
                    if ((problem = Positive(number)) == null)
                        c.CellVoltsPerAdcVolt = number;
                    return problem;
                case "divider.link_ratio":
                    if ((problem = Positive(number)) == null)
                        c.LinkVoltsPerAdcVolt = number;
                    return problem;
                case "ntc.pull_up_ohms":
                    if ((problem = Positive(number)) == null)
                        c.NtcPullUpOhms = number;
                    return problem;
                case "ntc.supply_mv":
                    if ((problem = Positive(number)) == null)
                        c.NtcSupplyMillivolts = number;
                    return problem;
                case "ina219.shunt_ohms":
                    if ((problem = Positive(number)) == null)
                        c.ShuntOhms = number;
                    return problem;
                case "ina219.current_lsb_a":
                    if ((problem = Positive(number)) == null)
                        c.CurrentLsbAmps = number;
                    return problem;
                case "ina219.pack_volts_per_bus_volt":
                    if ((problem = Positive(number)) == null)
                        c.PackVoltsPerBusVolt = number;
                    return problem;
                case "mux.settle_us":
                    if ((problem = Range(number, 0, 10000)) == null)
                        c.MultiplexerSettleMicroseconds = whole;
                    return problem;
                case "adc.offset_mv":
                    c.AdcOffsetMillivolts = number;
                    return null;
                default: return "is not a board.ini key";
            }
        }

        private static string Range(float value, int min, int max)
        {
            return value >= min && value <= max && value == (int)value ? null : "expects a whole number from " + min + " to " + max;
        }

        private static string Positive(float value)
        {
            return value > 0f ? null : "expects a number above 0";
        }

        /// <summary>"0x41" or "65"; -1 when it is neither.</summary>
        private static int HexOrDecimal(byte[] text, int start, int length)
        {
            if (length > 2 && text[start] == '0' && (text[start + 1] == 'x' || text[start + 1] == 'X'))
            {
                int value = 0;
                for (int i = start + 2; i < start + length && i < start + 10; i++)
                {
                    int c = text[i] | 0x20;
                    int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
                    if (digit < 0)
                        return -1;
                    value = value * 16 + digit;
                }

                return value;
            }

            int number;
            return NumberParser.TryParseInt(text, start, length, out number) ? number : -1;
        }

        private static int SkipSpaces(byte[] text, int start, int end)
        {
            while (start < end && (text[start] == ' ' || text[start] == '\t'))
                start++;
            return start;
        }

        private static int TrimEnd(byte[] text, int start, int end)
        {
            while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\r'))
                end--;
            return end;
        }

        private static string Ascii(byte[] text, int start, int length)
        {
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
                chars[i] = (char)text[start + i];
            return new string(chars);
        }
    }
}
