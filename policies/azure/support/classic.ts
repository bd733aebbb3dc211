// Azure classic (`@pulumi/azure`, the bridged azurerm provider): the type tokens the pack judges, read from
// @pulumi/azure 6.40.0 (each class's `__pulumiType`; `npm pack @pulumi/azure@6.40.0`, not a dependency of this
// package), and the older spellings of renamed inputs that programs on @pulumi/azure 5 still write. Each
// control's classic rules sit in that control's file beside the azure-native ones, under the same control id
// and with the same meaning; this file only names things. A classic on/off switch is read as the bridge reads
// it (terraformReads: "1"/"0" too, lib/inputs.ts), never with azure-native's ARM reading.
import { get, isUnknown, UNKNOWN } from "../../lib/values";

export const C = {
    storageAccount: "azure:storage/account:Account",
    storageCmk: "azure:storage/customerManagedKey:CustomerManagedKey",
    storageNetworkRules: "azure:storage/accountNetworkRules:AccountNetworkRules",
    storageContainer: "azure:storage/container:Container",
    nsg: "azure:network/networkSecurityGroup:NetworkSecurityGroup",
    securityRule: "azure:network/networkSecurityRule:NetworkSecurityRule",
    linuxVm: "azure:compute/linuxVirtualMachine:LinuxVirtualMachine",
    windowsVm: "azure:compute/windowsVirtualMachine:WindowsVirtualMachine",
    legacyVm: "azure:compute/virtualMachine:VirtualMachine",
    linuxVmss: "azure:compute/linuxVirtualMachineScaleSet:LinuxVirtualMachineScaleSet",
    windowsVmss: "azure:compute/windowsVirtualMachineScaleSet:WindowsVirtualMachineScaleSet",
    managedDisk: "azure:compute/managedDisk:ManagedDisk",
    mssqlServer: "azure:mssql/server:Server",
    mssqlTde: "azure:mssql/serverTransparentDataEncryption:ServerTransparentDataEncryption",
    pgFlexible: "azure:postgresql/flexibleServer:FlexibleServer",
    pgServer: "azure:postgresql/server:Server",
    mysqlFlexible: "azure:mysql/flexibleServer:FlexibleServer",
    keyVault: "azure:keyvault/keyVault:KeyVault",
    networkInterface: "azure:network/networkInterface:NetworkInterface",
    staticWebsite: "azure:storage/accountStaticWebsite:AccountStaticWebsite",
} as const;

/**
 * Server-level IP firewall rules of the classic database servers: each has startIpAddress and endIpAddress.
 * (`azure:sql/firewallRule`, `azure:mysql/firewallRule` and `azure:mariadb/firewallRule` are @pulumi/azure 5's,
 * removed in 6 with their servers; a program on 5 still registers them, with the same two inputs.)
 */
export const classicFirewallRuleTypes = [
    "azure:mssql/firewallRule:FirewallRule", "azure:postgresql/flexibleServerFirewallRule:FlexibleServerFirewallRule",
    "azure:postgresql/firewallRule:FirewallRule", "azure:mysql/flexibleServerFirewallRule:FlexibleServerFirewallRule",
    "azure:sql/firewallRule:FirewallRule", "azure:mysql/firewallRule:FirewallRule", "azure:mariadb/firewallRule:FirewallRule",
] as const;

/** Server parameters of the classic PostgreSQL and MySQL flexible servers (and PostgreSQL single server): `name` and `value`. */
export const classicServerConfigurationTypes = [
    "azure:postgresql/flexibleServerConfiguration:FlexibleServerConfiguration",
    "azure:mysql/flexibleServerConfiguration:FlexibleServerConfiguration",
    "azure:postgresql/configuration:Configuration",
] as const;

/**
 * The value of a classic input written under its current name or an older one (`httpsTrafficOnlyEnabled`,
 * @pulumi/azure 5's `enableHttpsTrafficOnly`): the program's SDK decides which it takes, so both are read and
 * the worst counts. `ok` judges one value; the first value given that fails it is returned, else an unknown
 * one, else the first given, else undefined (neither written).
 */
export function eitherSpelling(props: Record<string, unknown>, paths: readonly string[], ok: (v: unknown) => boolean): { path: string; value: unknown } {
    const given = paths.map(path => ({ path, value: get(props, path) })).filter(x => x.value !== undefined && x.value !== null);
    const bad = given.find(x => !isUnknown(x.value) && !ok(x.value));
    if (bad) return bad;
    const unknown = given.find(x => isUnknown(x.value));
    if (unknown) return { path: unknown.path, value: UNKNOWN };
    return given[0] ?? { path: paths[0], value: undefined };
}
