using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;

namespace nanoFramework.BMS.Esp32.Drivers
{
    /// <summary>
    /// The ESP32's WiFi station, joined on demand from the MQTT transport's connect (on the uplink
    /// thread, never the control loop). It waits for a valid date too: TLS checks the broker
    /// certificate's validity dates, and the clock is 1970 until SNTP has answered.
    /// </summary>
    public sealed class WifiStation
    {
        private readonly string _ssid;
        private readonly string _password;
        private readonly int _timeoutMs;

        public WifiStation(string ssid, string password, int timeoutMs)
        {
            _ssid = ssid;
            _password = password;
            _timeoutMs = timeoutMs;
        }

        /// <summary>True when there is an IP address, after joining if needed; never throws.</summary>
        public bool EnsureConnected()
        {
            try
            {
                if (NetworkInterface.GetIsNetworkAvailable() && HasAddress())
                    return true;
                if (_ssid == null || _ssid.Length == 0)
                    return false;
                using (CancellationTokenSource timeout = new CancellationTokenSource(_timeoutMs))
                {
                    return WifiNetworkHelper.ConnectDhcp(_ssid, _password, WifiReconnectionKind.Automatic, true, 0, timeout.Token);
                }
            }
            catch (Exception)
            {
                return false;
            }
        }

        /// <summary>The station's MAC address as 12 hex digits: the controller's serial for the PIN's salt, and unique per board.</summary>
        public static string MacAddress()
        {
            try
            {
                NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
                for (int i = 0; i < interfaces.Length; i++)
                {
                    if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211)
                        return Hex(interfaces[i].PhysicalAddress);
                }
            }
            catch (Exception)
            {
                // No network stack: the serial then is only the fallback below.
            }

            return "esp32";
        }

        private static bool HasAddress()
        {
            NetworkInterface[] interfaces = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < interfaces.Length; i++)
            {
                string address = interfaces[i].IPv4Address;
                if (interfaces[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211 && address != null && address.Length > 0 && address != "0.0.0.0")
                    return true;
            }

            return false;
        }

        private static string Hex(byte[] bytes)
        {
            const string Digits = "0123456789abcdef";
            char[] chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = Digits[bytes[i] >> 4];
                chars[2 * i + 1] = Digits[bytes[i] & 0xF];
            }

            return new string(chars);
        }
    }
}
