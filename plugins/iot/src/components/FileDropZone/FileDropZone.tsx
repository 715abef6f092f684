import { Button, Flex, Text } from '@backstage/ui';
import { makeStyles } from '@material-ui/core/styles';
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import { ChangeEvent, DragEvent, ReactNode, useRef, useState } from 'react';

const useStyles = makeStyles(theme => ({
  zone: {
    border: `2px dashed ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(3),
    textAlign: 'center',
    transition: theme.transitions.create(['border-color', 'background-color']),
  },
  dragging: {
    borderColor: theme.palette.primary.main,
    backgroundColor: theme.palette.action.hover,
  },
  icon: {
    fontSize: 40,
    color: theme.palette.text.secondary,
  },
  input: {
    // Visually hidden but reachable for assistive technology and tests.
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
}));

export interface FileDropZoneProps {
  /** Accessible name of the zone. */
  label: string;
  /** The sentence before the button, e.g. "Drag an image file here, or". */
  hint: string;
  chooseLabel: string;
  /** Accessible name of the file input. */
  inputLabel: string;
  /** File types the picker offers. */
  accept: string;
  /** While busy, drops and the picker are refused. */
  disabled?: boolean;
  onFiles: (files: FileList) => void;
  /** Shown under the button, e.g. the rules a file must follow. */
  children?: ReactNode;
}

/** A zone to drop files on, with a button that opens the file picker. */
export function FileDropZone(props: FileDropZoneProps) {
  const {
    label,
    hint,
    chooseLabel,
    inputLabel,
    accept,
    disabled = false,
    onFiles,
    children,
  } = props;
  const classes = useStyles();
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const take = (files: FileList | null) => {
    if (files && files.length > 0 && !disabled) {
      onFiles(files);
    }
  };

  const onInputChange = (event: ChangeEvent<HTMLInputElement>) => {
    take(event.target.files);
    // Choosing the same file again after a failure must fire a change.
    event.target.value = '';
  };

  const onDragOver = (event: DragEvent) => {
    event.preventDefault();
    event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
    setDragging(!disabled);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    take(event.dataTransfer.files);
  };

  return (
    <div
      role="region"
      aria-label={label}
      className={`${classes.zone} ${dragging ? classes.dragging : ''}`}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <Flex direction="column" align="center" gap="2">
        <CloudUploadIcon className={classes.icon} aria-hidden />
        <Flex align="center" gap="2">
          <Text as="span">{hint}</Text>
          <Button
            variant="secondary"
            isDisabled={disabled}
            onPress={() => inputRef.current?.click()}
          >
            {chooseLabel}
          </Button>
        </Flex>
        <input
          ref={inputRef}
          type="file"
          accept={accept}
          aria-label={inputLabel}
          className={classes.input}
          disabled={disabled}
          onChange={onInputChange}
          tabIndex={-1}
        />
        {children}
      </Flex>
    </div>
  );
}
