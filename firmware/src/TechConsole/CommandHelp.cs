namespace nanoFramework.BMS.TechConsole
{
    /// <summary>The console's commands: usage, one-line summary, details, and whether they need login.</summary>
    public static class CommandHelp
    {
        public const int Count = 17;

        /// <summary>
        /// The word that names the topic. A switch of literals, as Usage and Summary are, rather
        /// than a static table that would stay on the heap for a command a technician may never type.
        /// </summary>
        public static string Noun(int topic)
        {
            switch (topic)
            {
                case 0: return "help";
                case 1: return "status";
                case 2: return "cells";
                case 3: return "temps";
                case 4: return "current";
                case 5: return "soc";
                case 6: return "faults";
                case 7: return "clear";
                case 8: return "contactor";
                case 9: return "log";
                case 10: return "config";
                case 11: return "calibrate";
                case 12: return "uplink";
                case 13: return "version";
                case 14: return "selftest";
                case 15: return "login";
                case 16: return "logout";
                default: return "";
            }
        }

        public static string Usage(int topic)
        {
            switch (topic)
            {
                case 0: return "help [command]";
                case 1: return "status";
                case 2: return "cells";
                case 3: return "temps";
                case 4: return "current";
                case 5: return "soc";
                case 6: return "faults";
                case 7: return "clear";
                case 8: return "contactor open|close";
                case 9: return "log [n] | log show N";
                case 10: return "config show|get KEY|set KEY VALUE|save|reset";
                case 11: return "calibrate cell N VOLTS | calibrate current zero";
                case 12: return "uplink status";
                case 13: return "version";
                case 14: return "selftest";
                case 15: return "login PIN";
                case 16: return "logout";
                default: return "";
            }
        }

        public static string Summary(int topic)
        {
            switch (topic)
            {
                case 0: return "this list, or one command";
                case 1: return "pack state at a glance";
                case 2: return "cell voltages, lowest and highest marked";
                case 3: return "temperatures, coldest and hottest marked";
                case 4: return "current, pack voltage and limits";
                case 5: return "state of charge and health, estimator state";
                case 6: return "latched faults with evidence";
                case 7: return "unlatch faults whose condition is gone";
                case 8: return "open (always) or precharge and close";
                case 9: return "flight recorder";
                case 10: return "site configuration";
                case 11: return "calibrate against a multimeter";
                case 12: return "MQTT connection and queues";
                case 13: return "firmware and configuration version";
                case 14: return "run the power-on self-test again";
                case 15: return "technician login";
                case 16: return "end the technician session";
                default: return "";
            }
        }

        public static string Details(int topic)
        {
            switch (topic)
            {
                case 0: return "Lists the commands, or shows one command's usage.";
                case 1: return "Contactor, faults, limits, state of charge, health, energy, pack, cells, temps.";
                case 2: return "One line per cell in mV.";
                case 3: return "One line per thermistor in degC, with its rise rate in degC/s.";
                case 4: return "Pack current (+ charging), pack and load-side voltage, published limits.";
                case 5: return "Filters (soc, v1, sd, reading, gain), offset, resistances, capacity, rest.";
                case 6: return "Value, unit, cell or sensor, time and whether the condition is still present.";
                case 7: return "Unlatches faults whose condition is gone; runaway and weld too, here only.";
                case 8: return "open is always allowed; close is refused while a fault is latched.";
                case 9: return "log [n]: the last n events (default 10); log show N: event N with its snapshot.";
                case 10: return "set edits a pending copy; save writes it; it applies at the next restart.";
                case 11: return "cell N VOLTS: measured with a meter; zero: with no current flowing.";
                case 12: return "Connection state, queued messages, dropped telemetry.";
                case 13: return "Firmware version, configuration sequence, profile.";
                case 14: return "Known-answer tests through the protection code, one line per check.";
                case 15: return "5 wrong PINs lock the console for 5 minutes; 5 idle minutes log out.";
                case 16: return "Ends the session at once.";
                default: return "";
            }
        }

        /// <summary>Changing anything needs a logged-in technician; contactor open never does.</summary>
        public static bool NeedsLogin(int topic)
        {
            return topic == 7 || topic == 8 || topic == 10 || topic == 11;
        }

        /// <summary>The topic named by a word of the command line, or -1.</summary>
        public static int Find(CommandLine command, int word)
        {
            for (int topic = 0; topic < Count; topic++)
            {
                if (command.Is(word, Noun(topic)))
                    return topic;
            }

            return -1;
        }
    }
}
