export const PORTAIL_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;font-size:1.0625rem;line-height:1.5;color:#1f2328;background:#f6f7f9}
.wrap{max-width:62rem;margin:0 auto;padding:0 1rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.top{background:#1d3557;color:#fff}.top .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;min-height:3.5rem}
.brand{font-weight:700;margin-right:auto}
.top button{background:transparent;color:#fff;border:1px solid #fff}
main{padding:1.5rem 1rem 3rem}
h1{font-size:1.75rem;margin:.5rem 0 1rem}h2{font-size:1.35rem;margin:2rem 0 .75rem}h3{font-size:1.1rem}
.card,details{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1rem;margin:0 0 1rem}
summary{cursor:pointer;font-weight:600}
.number{font-variant-numeric:tabular-nums}
.stage{display:inline-block;padding:0 .5rem;border-radius:1rem;background:#e7ecf3;color:#1d3557}
.field label,legend{display:block;font-weight:600;margin-bottom:.25rem}
.hint{display:block;color:#57606a;font-size:.95rem}
input[type=email],input[type=password],input[type=text],input:not([type]),input[type=number],input[type=tel],textarea{width:100%;max-width:32rem;padding:.55rem;border:1px solid #6e7781;border-radius:4px;font:inherit}
fieldset{border:1px solid #d0d7de;border-radius:4px;margin:0 0 1rem;padding:.5rem 1rem}
.check{margin:.35rem 0}
button{font:inherit;padding:.55rem 1rem;border-radius:4px;border:1px solid #1d3557;background:#fff;color:#1d3557;cursor:pointer}
button.primary{background:#1d3557;color:#fff}
button:focus,input:focus,textarea:focus,summary:focus,a:focus{outline:3px solid #f4a261;outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:.5rem}
.alert{padding:.75rem 1rem;border-radius:4px;border-left:5px solid}
.alert.error{background:#fff1f0;border-color:#b42318;color:#7a1c12}.alert.info{background:#eef6ff;border-color:#1d4ed8}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{border-bottom:1px solid #d0d7de;padding:.4rem;text-align:left}
.docs li{margin:.4rem 0}
@media (max-width:40rem){body{font-size:1rem}dl{grid-template-columns:1fr}}
@media print{.top,.actions,form{display:none}}
`;
