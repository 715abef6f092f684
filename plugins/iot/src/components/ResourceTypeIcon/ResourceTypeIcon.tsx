import {
  amber,
  blue,
  deepOrange,
  green,
  purple,
  teal,
} from '@material-ui/core/colors';
import type { SvgIconProps } from '@material-ui/core/SvgIcon';
import ArchiveIcon from '@material-ui/icons/Archive';
import CallSplitIcon from '@material-ui/icons/CallSplit';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import ComputerIcon from '@material-ui/icons/Computer';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import DnsIcon from '@material-ui/icons/Dns';
import ExtensionIcon from '@material-ui/icons/Extension';
import GroupWorkIcon from '@material-ui/icons/GroupWork';
import MemoryIcon from '@material-ui/icons/Memory';
import PublicIcon from '@material-ui/icons/Public';
import RouterIcon from '@material-ui/icons/Router';
import SecurityIcon from '@material-ui/icons/Security';
import StorageIcon from '@material-ui/icons/Storage';
import ViewModuleIcon from '@material-ui/icons/ViewModule';
import WidgetsIcon from '@material-ui/icons/Widgets';
import type { ComponentType } from 'react';

/** Icons by the registry's icon names (`ResourceTypeItem.icon`). */
const ICONS: Record<string, ComponentType<SvgIconProps>> = {
  vpc: CloudQueueIcon,
  subnet: DeviceHubIcon,
  'security-group': SecurityIcon,
  eip: PublicIcon,
  'load-balancer': CallSplitIcon,
  dns: DnsIcon,
  cluster: GroupWorkIcon,
  'node-pool': ViewModuleIcon,
  workload: WidgetsIcon,
  vm: ComputerIcon,
  database: StorageIcon,
  cache: MemoryIcon,
  bucket: ArchiveIcon,
  iot: RouterIcon,
};

/** Colour of a palette category, shared by the palette, the nodes and the mini-map. */
export function categoryColor(category: string): string {
  switch (category) {
    case 'network':
      return blue[600];
    case 'compute':
      return purple[500];
    case 'containers':
      return teal[600];
    case 'storage':
      return amber[800];
    case 'database':
      return deepOrange[600];
    case 'iot':
      return green[600];
    default:
      return blue[300];
  }
}

/** The icon of a resource type; decorative, the label beside it names the type. */
export function ResourceTypeIcon(props: {
  icon: string;
  category: string;
  fontSize?: SvgIconProps['fontSize'];
}) {
  const { icon, category, fontSize = 'small' } = props;
  const Icon = ICONS[icon] ?? ExtensionIcon;
  return (
    <Icon
      fontSize={fontSize}
      aria-hidden
      style={{ color: categoryColor(category) }}
    />
  );
}
