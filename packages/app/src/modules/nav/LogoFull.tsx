import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 30,
  },
  mark: {
    fill: '#7df3e1',
  },
  text: {
    fill: '#ffffff',
    fontFamily: 'Helvetica, Arial, sans-serif',
    fontWeight: 700,
    fontSize: 30,
  },
});

/** The portal's word mark: a connected-devices mark and "IoT Stage". */
export const LogoFull = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 190 40"
      role="img"
      aria-label="IoT Stage"
    >
      <circle className={classes.mark} cx="20" cy="20" r="6" />
      <circle className={classes.mark} cx="6" cy="8" r="4" />
      <circle className={classes.mark} cx="34" cy="8" r="4" />
      <circle className={classes.mark} cx="20" cy="36" r="4" />
      <path
        className={classes.mark}
        d="M8 10 L18 18 M32 10 L22 18 M20 26 L20 32"
        stroke="#7df3e1"
        strokeWidth="2.5"
      />
      <text className={classes.text} x="48" y="31">
        IoT Stage
      </text>
    </svg>
  );
};
